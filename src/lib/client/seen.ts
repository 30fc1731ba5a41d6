/**
 * Tells a page's `?/seen` action that the page is in front of the person now: that is what marks
 * a request read and records "opened" in the audit trail. No load does either, because SvelteKit
 * runs a page's load when a link to it is only hovered (data-sveltekit-preload-data="hover"), and
 * a hovered link is not a read request.
 *
 * It waits while the browser is prerendering the page or the tab is in the background, so only a
 * page someone can see counts. The post is a same-origin form post: SvelteKit refuses one from
 * another site (it checks Origin). Returns a function that cancels it if the person moves on
 * first (an effect's cleanup).
 */
export function reportSeen(
	action: string,
	fields: Record<string, string>,
	onSeen?: () => unknown
): () => void {
	let finished = false;
	const stop = () => {
		finished = true;
		document.removeEventListener('visibilitychange', send);
		document.removeEventListener('prerenderingchange', send);
	};
	function send() {
		const prerendering = (document as Document & { prerendering?: boolean }).prerendering;
		if (finished || prerendering || document.visibilityState !== 'visible') {
			return;
		}
		stop();
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) {
			body.set(name, value);
		}
		// accept: application/json: the action answers with SvelteKit's small JSON result, not the page.
		fetch(action, {
			method: 'POST',
			body,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		})
			.then((response) => (response.ok ? onSeen?.() : undefined))
			// With no signal it is not marked: the next view (or a reply) will be.
			.catch(() => undefined);
	}
	document.addEventListener('visibilitychange', send);
	document.addEventListener('prerenderingchange', send);
	send();
	return stop;
}
