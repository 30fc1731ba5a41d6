/** Which notices each staff member wants, by email and by push (/account/notices). */
import { eq } from 'drizzle-orm';
import {
	NOTICE_CHANNELS,
	NOTICE_KINDS,
	storedNoticeChoicesSchema,
	type NoticeChannel,
	type NoticeChoices,
	type NoticeKind
} from '$lib/schemas/notices';
import type { Database } from '../db/connection';
import { user } from '../db/schema';

/** Null (never chosen) or anything unreadable: every notice by email and by push. */
export function readNoticeChoices(stored: unknown): NoticeChoices {
	const parsed = storedNoticeChoicesSchema.safeParse(stored);
	const choices = {} as NoticeChoices;
	for (const kind of NOTICE_KINDS) {
		choices[kind] = parsed.success && parsed.data[kind] ? parsed.data[kind] : [...NOTICE_CHANNELS];
	}
	return choices;
}

export function wantsNotice(
	person: { noticeChoices: unknown },
	kind: NoticeKind,
	channel: NoticeChannel
) {
	return readNoticeChoices(person.noticeChoices)[kind].includes(channel);
}

export function getNoticeChoices(db: Database, userId: number): NoticeChoices {
	const row = db
		.select({ noticeChoices: user.noticeChoices })
		.from(user)
		.where(eq(user.id, userId))
		.get();
	return readNoticeChoices(row?.noticeChoices);
}

export function saveNoticeChoices(db: Database, userId: number, choices: NoticeChoices) {
	db.update(user)
		.set({ noticeChoices: choices, updatedAt: new Date() })
		.where(eq(user.id, userId))
		.run();
}
