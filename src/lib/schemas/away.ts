import { z } from 'zod';

/** Longest a PA can set time away for in one go: a year (parental leave is the long case). */
export const AWAY_MAX_DAYS = 366;

/**
 * "I'm away until": the last day away (YYYY-MM-DD, London time) and who answers meanwhile (an
 * adviser's id, or "team" for the team inbox). Whether the day is in the future and the colleague
 * can cover is checked by setAway, which knows today and the staff list.
 */
export const awaySchema = z.object({
	until: z.iso.date({ error: 'Enter the last day you are away, for example 24/12/2026' }),
	cover: z.union([z.literal('team'), z.coerce.number().int().positive()], {
		error: 'Choose who answers while you are away'
	})
});
export type AwayInput = z.infer<typeof awaySchema>;
