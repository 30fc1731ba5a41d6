import { z } from 'zod';
import { offerContentSchema } from './offer';

/** How often offers are reviewed (the lead's settings). */
export const contentSettingsSchema = z.object({
	reviewMonths: z.coerce
		.number({ error: 'Enter a number of months' })
		.int('Enter a whole number of months')
		.min(1, 'Enter a number of months from 1 to 24')
		.max(24, 'Enter a number of months from 1 to 24')
});

/** The lead's offer list: filters and sorts read from the address (bad values fall back). */
export const LEAD_OFFER_SORTS = ['order', 'title', 'reviewed', 'updated'] as const;
export const LEAD_OFFER_STATUSES = ['all', 'published', 'draft', 'review-due'] as const;

export const leadOfferFiltersSchema = z.object({
	category: z.enum(['', ...categoryValues()]).catch(''),
	status: z.enum(LEAD_OFFER_STATUSES).catch('all'),
	sort: z.enum(LEAD_OFFER_SORTS).catch('order')
});

function categoryValues() {
	return offerContentSchema.shape.category.options;
}

export type LeadOfferFilters = z.infer<typeof leadOfferFiltersSchema>;
