import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath, pageLanguage } from '$lib/i18n/paths';
import { londonToday } from '$lib/london-time';
import { m } from '$lib/paraglide/messages';
import { interestSchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { formatDayIn } from '$lib/server/opportunity-views';
import { findPledgeAsk, getOpenPledge, publicPledge, type Pledge } from '$lib/server/pledges';
import { submitSupportRequest } from '$lib/server/requests';
import type { Actions, PageServerLoad } from './$types';

/** The pledge on the board today, or a 404 (`/helping-hands/abc` is not a page either). */
function findOr404(param: string) {
	const id = /^\d{1,9}$/.test(param) ? Number(param) : NaN;
	const item = Number.isSafeInteger(id) ? getOpenPledge(db, id) : undefined;
	if (!item) {
		error(404, m.pledges_not_found());
	}
	return item;
}

/** The request's topic: money is money; time (interview practice, CV help, …) is work. */
function topicOf(item: Pledge) {
	return item.kind === 'money' ? 'money' : 'employment';
}

export const load: PageServerLoad = ({ params, locals }) => {
	const item = findOr404(params.id);
	const leaver = locals.user?.role === 'leaver' ? locals.user : null;
	const asked = leaver ? findPledgeAsk(db, leaver, item.id) : undefined;
	const language = pageLanguage();
	return {
		pledge: { ...publicPledge(item), until: formatDayIn(language, item.until) },
		asked: asked
			? { requestId: asked.id, on: formatDayIn(language, londonToday(asked.createdAt)) }
			: null,
		idempotencyKey: leaver ? generateIdempotencyKey() : null
	};
};

export const actions = {
	/** "Ask my PA": a request to the young person's PA, who matches them with the pledge. */
	ask: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const item = findOr404(event.params.id);
		const form = await readForm(event.request);
		const values = echo(form, { message: 6000 });
		const parsed = interestSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: fieldErrors(parsed.error) });
		}
		// Asked once: a second tap (or a second phone) goes to the request already made.
		const existing = findPledgeAsk(db, leaver, item.id);
		if (existing) {
			redirect(303, localizePath(`/requests/${existing.id}`));
		}
		const result = submitSupportRequest(db, leaver, {
			topic: topicOf(item),
			pledgeId: item.id,
			message: parsed.data.message || m.pledges_ask_default({ title: item.title }),
			urgent: false,
			contactBy: 'app',
			idempotencyKey: parsed.data.idempotencyKey
		});
		if (!result.ok) {
			return fail(400, { values, errors: result.errors as Record<string, string> });
		}
		redirect(
			303,
			localizePath(
				`/requests/${result.request.id}?sent=1${result.request.crisis ? '&crisis=1' : ''}`
			)
		);
	}
} satisfies Actions;
