import { db } from '$lib/server/db';
import { listWhatsNew } from '$lib/server/offer-editing';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ whatsNew: listWhatsNew(db, new Date(), 3) });
