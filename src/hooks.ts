import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** `/ar/offers/x` is the page `/offers/x` in Arabic: one route for every language. */
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
