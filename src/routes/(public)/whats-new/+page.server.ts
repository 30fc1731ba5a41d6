import { db } from '$lib/server/db';
import { listWhatsNew, WHATS_NEW_DAYS } from '$lib/server/offer-editing';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ items: listWhatsNew(db), days: WHATS_NEW_DAYS });
