/** How a last contact happened, in the words of the staff pages (English, like them). */
import type { ContactKind } from './schemas/check-in';

export const CONTACT_HOW: Record<
	'check-in' | 'their-message' | 'read-reply' | ContactKind,
	string
> = {
	'check-in': 'checked in',
	'their-message': 'wrote to their PA',
	'read-reply': 'read a reply',
	met: 'met',
	phone: 'spoke on the phone',
	text: 'replied by text'
};

/** The PA's one-tap choices on a young person's page. */
export const CONTACT_CHOICES: { value: ContactKind; label: string }[] = [
	{ value: 'met', label: 'We met' },
	{ value: 'phone', label: 'We spoke on the phone' },
	{ value: 'text', label: 'They replied by text' }
];
