import { m } from '$lib/paraglide/messages';
import { pageLanguage } from '$lib/i18n/paths';
import { BASE_LANGUAGE } from '$lib/languages';
import type { REQUEST_TOPICS } from '$lib/schemas/requests';

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

/**
 * A request's topic as a young person reads it, in the page's language. In English it is the
 * council's own name for the topic (a lead can rename it); in another language it is the
 * catalogue's translation of the topic (messages/leaver), since the council writes names in
 * English only. The stored value is always the slug.
 */
export function leaverTopicLabel(topic: string, categories: { slug: string; name: string }[]) {
	if (pageLanguage() === BASE_LANGUAGE) {
		return topicLabel(topic, categories);
	}
	const translated = TOPIC_MESSAGES[topic as keyof typeof TOPIC_MESSAGES];
	return translated
		? translated()
		: (categories.find((category) => category.slug === topic)?.name ?? m.leaver_topic_other());
}

const TOPIC_MESSAGES = {
	money: m.leaver_topic_money,
	accommodation: m.leaver_topic_accommodation,
	education: m.leaver_topic_education,
	employment: m.leaver_topic_employment,
	health: m.leaver_topic_health,
	relationships: m.leaver_topic_relationships,
	'having-your-say': m.leaver_topic_having_your_say,
	other: m.leaver_topic_other
} satisfies Record<(typeof REQUEST_TOPICS)[number], () => string>;

/** A request's status as a young person reads it, in the page's language. */
export function leaverStatusLabel(status: keyof typeof STATUS_FOR_LEAVER) {
	return {
		new: m.leaver_status_new,
		'in-progress': m.leaver_status_in_progress,
		waiting: m.leaver_status_waiting,
		resolved: m.leaver_status_resolved
	}[status]();
}
