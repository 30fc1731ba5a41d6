import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { generalFeedbackSchema, helpfulSchema } from '$lib/schemas/analytics';
import type { Database } from './db/connection';
import { generalFeedback, offerFeedback } from './db/schema';

/**
 * The browser's feedback id (random, kept in localStorage) is stored only as a hash. It is not
 * the analytics visitor id, so an answer cannot be joined to anyone's browsing.
 */
function hashResponder(responderId: string): string {
	return createHash('sha256').update(`feedback:${responderId}`).digest('hex').slice(0, 32);
}

/**
 * Without JavaScript there is no stored id: the server makes one and puts it in the form it
 * sends back, so the same page can still change its answer (no cookie needed).
 */
export function newResponderId(): string {
	return randomBytes(16).toString('base64url');
}

type HelpfulAnswer = z.infer<typeof helpfulSchema>;

/** One answer per browser and offer: a second answer replaces the first. */
export function recordHelpfulAnswer(
	db: Database,
	offerId: number,
	responderId: string,
	answer: { helpful: HelpfulAnswer['helpful']; comment?: string },
	{ demo = false, now = new Date() }: { demo?: boolean; now?: Date } = {}
) {
	const values = {
		offerId,
		responder: hashResponder(responderId),
		helpful: answer.helpful === 'yes',
		comment: answer.comment ?? null,
		demo,
		createdAt: now,
		updatedAt: now
	};
	db.insert(offerFeedback)
		.values(values)
		.onConflictDoUpdate({
			target: [offerFeedback.offerId, offerFeedback.responder],
			set: { helpful: values.helpful, comment: values.comment, updatedAt: now }
		})
		.run();
}

export function getHelpfulAnswer(db: Database, offerId: number, responderId: string) {
	return db
		.select({ helpful: offerFeedback.helpful, comment: offerFeedback.comment })
		.from(offerFeedback)
		.where(
			and(
				eq(offerFeedback.offerId, offerId),
				eq(offerFeedback.responder, hashResponder(responderId))
			)
		)
		.get();
}

export function recordGeneralFeedback(
	db: Database,
	feedback: z.infer<typeof generalFeedbackSchema>,
	{ demo = false, now = new Date() }: { demo?: boolean; now?: Date } = {}
) {
	db.insert(generalFeedback)
		.values({ name: feedback.name ?? null, message: feedback.message, demo, createdAt: now })
		.run();
}
