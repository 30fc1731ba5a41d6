import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { markdownShapeProblem } from '$lib/markdown-limits';
import { OFFER_BODY_MAX } from '$lib/schemas/offer';
import { readJsonBody, requireJsonUser, requireSameOrigin } from '$lib/server/api';
import { renderMarkdown } from '$lib/server/markdown';
import type { RequestHandler } from './$types';

const previewSchema = z.object({ body: z.string().max(OFFER_BODY_MAX * 2) });

/** The editor's live preview: the public page's own sanitising renderer, for leads only. */
export const POST: RequestHandler = async (event) => {
	requireSameOrigin(event);
	requireJsonUser(event, 'lead');
	const parsed = previewSchema.safeParse(await readJsonBody(event.request, 128 * 1024));
	if (!parsed.success) {
		return json({ message: 'Send the text to preview as "body".' }, { status: 400 });
	}
	const body = parsed.data.body.slice(0, OFFER_BODY_MAX);
	const problem = markdownShapeProblem(body);
	if (problem) {
		// The same words the lead will see beside the field if they save it like this.
		return json({ message: problem }, { status: 400 });
	}
	return json({ html: renderMarkdown(body) });
};
