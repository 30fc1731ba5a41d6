import type { Reroute } from '@sveltejs/kit';
import { withoutLanguagePrefix } from '$lib/languages';

/** `/ar/offers/x` is the page `/offers/x` in Arabic: one route for every language. */
export const reroute: Reroute = ({ url }) => withoutLanguagePrefix(url.pathname);
