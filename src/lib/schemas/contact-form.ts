import { z } from 'zod';
import { CHECK_IN_FREQUENCIES, CONTACT_KINDS } from './check-in';

/** A PA logs a contact (staff pages: English). The day is checked against today by the server. */
export const contactLogSchema = z.object({
	kind: z.enum(CONTACT_KINDS, { error: 'Choose how you were in touch' }),
	on: z.iso.date('Enter the date like 2026-12-01')
});

/** The pathway plan review the PA sets; empty clears it. */
export const pathwayReviewSchema = z.object({
	on: z.union([z.literal(''), z.iso.date('Enter the date like 2027-01-31')])
});

/** How often the app asks, as agreed with the young person. */
export const checkInEverySchema = z.object({
	every: z.enum(CHECK_IN_FREQUENCIES, { error: 'Choose how often' })
});
