/** Check-ins and keeping in touch: the answers and kinds shared by the database, forms and pages. */

/** One tap: how are you? "help-now" sends the PA an urgent request at once. */
export const CHECK_IN_MOODS = ['good', 'ok', 'not-great', 'help-now'] as const;
export type CheckInMood = (typeof CHECK_IN_MOODS)[number];

/** "What's on your mind" (any number, or none). */
export const CHECK_IN_TOPICS = [
	'money',
	'home',
	'work-or-college',
	'health',
	'lonely',
	'something-else'
] as const;
export type CheckInTopic = (typeof CHECK_IN_TOPICS)[number];

/** How often the app asks; the young person can change it any time. */
export const CHECK_IN_FREQUENCIES = ['off', 'weekly', 'fortnightly', 'monthly'] as const;
export type CheckInFrequency = (typeof CHECK_IN_FREQUENCIES)[number];

/** A contact the PA logs in one tap on the young person's page. */
export const CONTACT_KINDS = ['met', 'phone', 'text'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
