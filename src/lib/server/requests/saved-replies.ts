/** Saved replies: wording leads keep for PAs to start a reply from. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { savedReply } from '../db/schema';

// ——— Saved replies (managed by leads) ———

export function listSavedReplies(db: Database) {
	return db.select().from(savedReply).orderBy(asc(savedReply.position), asc(savedReply.id)).all();
}

export function createSavedReply(db: Database, input: { title: string; body: string }) {
	const last = db
		.select({ position: sql<number>`coalesce(max(${savedReply.position}), 0)` })
		.from(savedReply)
		.get();
	return db
		.insert(savedReply)
		.values({ ...input, position: (last?.position ?? 0) + 1 })
		.returning()
		.get();
}

export function updateSavedReply(db: Database, id: number, input: { title: string; body: string }) {
	return db
		.update(savedReply)
		.set({ ...input, updatedAt: new Date() })
		.where(eq(savedReply.id, id))
		.run().changes;
}

export function deleteSavedReply(db: Database, id: number) {
	return db.delete(savedReply).where(eq(savedReply.id, id)).run().changes;
}

export const DEFAULT_SAVED_REPLIES = [
	{
		title: 'Got your message',
		body: "Hi, thanks for your message. I've read it and I'm looking into it. I'll get back to you soon."
	},
	{
		title: 'Can we talk?',
		body: 'Hi, thanks for getting in touch. It would help to talk about this. When is a good time to call you?'
	}
];

/** Starting saved replies for a demo; real councils write their own on /lead/saved-replies. */
export function seedSavedReplies(db: Database) {
	if (listSavedReplies(db).length === 0) {
		DEFAULT_SAVED_REPLIES.forEach((reply) => createSavedReply(db, reply));
	}
}
