/**
 * Gzip for what the app renders (pages, JSON, the theme stylesheet). adapter-node already sends
 * the built files precompressed, but not server-rendered answers: the offer list is 30 KB as
 * HTML and 6 KB gzipped, and the offline pack that a phone downloads once is about a third of
 * its size. Care leavers often pay for every megabyte.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/i;
/** Below this the gzip header costs more than it saves. */
export const MIN_COMPRESSIBLE_BYTES = 1024;

/** Whether the Accept-Encoding header takes `coding` (`gzip`, `br`; `*` takes any). */
export function acceptsEncoding(acceptEncoding: string | null, wanted: 'gzip' | 'br') {
	return (acceptEncoding ?? '').split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const refused = params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
		return (coding === wanted || coding === '*') && !refused;
	});
}

export function acceptsGzip(acceptEncoding: string | null) {
	return acceptsEncoding(acceptEncoding, 'gzip');
}

export function compressResponse(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	const length = Number(response.headers.get('content-length') ?? Infinity);
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		length < MIN_COMPRESSIBLE_BYTES
	) {
		return response;
	}
	const vary = response.headers.get('vary');
	if (!acceptsGzip(request.headers.get('accept-encoding'))) {
		// A cache in between must not hand this plain copy to someone who asked for gzip.
		response.headers.set('vary', varyWithAcceptEncoding(vary));
		return response;
	}
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.set('vary', varyWithAcceptEncoding(vary));
	headers.delete('content-length');
	// The gzipped bytes differ from the plain ones, so their tag may only claim the same meaning.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) {
		headers.set('etag', `W/${etag}`);
	}
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/** A Vary header that names Accept-Encoding once. */
export function varyWithAcceptEncoding(vary: string | null) {
	if (!vary) {
		return 'Accept-Encoding';
	}
	return /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
export function etagMatches(ifNoneMatch: string | null, etag: string) {
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return (ifNoneMatch ?? '')
		.split(',')
		.some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
