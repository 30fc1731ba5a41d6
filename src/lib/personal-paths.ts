import { withoutLanguagePrefix } from './languages';

/**
 * Pages that show or change someone's own data. The server marks their responses `no-store`
 * (hooks.server.ts) and the service worker never caches them, so nothing personal is left on a
 * shared or second-hand phone. One list for both, so they cannot drift apart.
 */
export const PERSONAL_PATHS =
	/^\/(requests|saved|account|check-in|supporter|staff|lead|login|join|logout)(\/|$)/;

export function isPersonalPath(pathname: string) {
	// `/ar/requests` is `/requests` in Arabic: as personal.
	return PERSONAL_PATHS.test(withoutLanguagePrefix(pathname));
}
