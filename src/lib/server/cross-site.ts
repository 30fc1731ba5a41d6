/**
 * Whether a request that would change data comes from another site. SvelteKit checks form posts;
 * JSON endpoints ask here. A browser names the requesting site in `Origin` and says how it relates
 * to this one in `Sec-Fetch-Site`: either one pointing elsewhere is enough to refuse. Tools that
 * send neither (curl, the app's own tests) are judged by the session cookie's SameSite instead.
 */
export function isCrossSiteRequest(headers: Headers, siteOrigins: string[]): boolean {
	if (headers.get('sec-fetch-site')?.trim().toLowerCase() === 'cross-site') {
		return true;
	}
	const origin = headers.get('origin');
	return origin !== null && !siteOrigins.includes(origin);
}
