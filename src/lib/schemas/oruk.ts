import { z } from 'zod';

/** What the Open Referral UK feed's queries may hold (paging, search, filters). */
export const ORUK_MAX_PER_PAGE = 200;
export const ORUK_DEFAULT_PER_PAGE = 50;

const optionalInt = (min: number, max: number, message: string) =>
	z
		.string()
		.regex(/^\d{1,6}$/, message)
		.transform(Number)
		.pipe(z.number().int().min(min, message).max(max, message))
		.optional();

export const orukPagingSchema = z.object({
	page: optionalInt(1, 100_000, 'page must be a whole number from 1'),
	per_page: optionalInt(1, ORUK_MAX_PER_PAGE, `per_page must be from 1 to ${ORUK_MAX_PER_PAGE}`)
});

export const orukServiceQuerySchema = orukPagingSchema.extend({
	search: z.string().trim().max(200, 'search can be at most 200 characters').optional(),
	taxonomy_term_id: z.string().trim().max(100).optional(),
	taxonomy_id: z.string().trim().max(100).optional(),
	minimum_age: optionalInt(0, 150, 'minimum_age must be a whole number'),
	maximum_age: optionalInt(0, 150, 'maximum_age must be a whole number')
});

export type OrukServiceQuery = z.infer<typeof orukServiceQuerySchema>;
