/**
 * "Download my data" (src/lib/server/personal-data.ts): the check-ins a young person sent and the
 * contacts their PA logged with them, in plain words like the rest of the file.
 */
import { asc, eq } from 'drizzle-orm';
import type { ContactKind } from '$lib/schemas/check-in';
import { MOOD_IN_ENGLISH, TOPIC_IN_ENGLISH } from './check-ins';
import type { Database } from './db/connection';
import { checkIn, contactLog } from './db/schema';

/** A contact the PA logged, said to the young person. */
const CONTACT_LABELS: Record<ContactKind, string> = {
	met: 'Your PA met you',
	phone: 'Your PA spoke to you on the phone',
	text: 'You replied to your PA by text'
};

/** Every check-in still kept (they are deleted after CHECK_IN_RETENTION_MONTHS), oldest first. */
export function listCheckInsForExport(db: Database, leaverId: number) {
	return db
		.select()
		.from(checkIn)
		.where(eq(checkIn.leaverId, leaverId))
		.orderBy(asc(checkIn.createdAt), asc(checkIn.id))
		.all()
		.map((row) => ({
			sentAt: row.createdAt.toISOString(),
			howYouWere: MOOD_IN_ENGLISH[row.mood],
			onYourMind: row.topics.map((topic) => TOPIC_IN_ENGLISH[topic]),
			yourWords: row.words,
			/** The request it sent your PA ("I need help now", or "Tell my PA"), by its number. */
			requestNumber: row.requestId
		}));
}

/** The contacts a PA logged ("We met"), oldest first, with who logged each. */
export function listContactsForExport(
	db: Database,
	leaverId: number,
	nameOf: (id: number | null) => string | null
) {
	return db
		.select()
		.from(contactLog)
		.where(eq(contactLog.leaverId, leaverId))
		.orderBy(asc(contactLog.on), asc(contactLog.id))
		.all()
		.map((row) => ({
			on: row.on,
			what: CONTACT_LABELS[row.kind],
			loggedBy: nameOf(row.loggedById),
			loggedAt: row.createdAt.toISOString()
		}));
}
