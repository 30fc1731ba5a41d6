import { m } from '$lib/paraglide/messages';
import type { CheckInFrequency, CheckInMood, CheckInTopic } from '$lib/schemas/check-in';

/** Read when shown, so each is in the page's language. */
export const MOOD_LABELS: Record<CheckInMood, () => string> = {
	good: m.checkins_mood_good,
	ok: m.checkins_mood_ok,
	'not-great': m.checkins_mood_not_great,
	'help-now': m.checkins_mood_help_now
};

export const TOPIC_LABELS: Record<CheckInTopic, () => string> = {
	money: m.checkins_topic_money,
	home: m.checkins_topic_home,
	'work-or-college': m.checkins_topic_work_or_college,
	health: m.checkins_topic_health,
	lonely: m.checkins_topic_lonely,
	'something-else': m.checkins_topic_something_else
};

export const FREQUENCY_LABELS: Record<CheckInFrequency, () => string> = {
	off: m.checkins_often_off,
	weekly: m.checkins_often_weekly,
	fortnightly: m.checkins_often_fortnightly,
	monthly: m.checkins_often_monthly
};
