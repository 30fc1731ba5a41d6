/** How a request's status reads to a young person, and to staff. */
export const STATUS_FOR_LEAVER = {
	new: 'Sent',
	'in-progress': 'Your PA is on it',
	waiting: 'Your PA is waiting for you',
	resolved: 'Sorted'
} as const;

export const STATUS_FOR_STAFF = {
	new: 'New',
	'in-progress': 'In progress',
	waiting: 'Waiting for young person',
	resolved: 'Resolved'
} as const;

export const CONTACT_LABELS = {
	app: 'A message in the app',
	phone: 'A phone call',
	text: 'A text message',
	email: 'An email'
} as const;

export function topicLabel(topic: string, categories: { slug: string; name: string }[]) {
	return categories.find((category) => category.slug === topic)?.name ?? 'Something else';
}
