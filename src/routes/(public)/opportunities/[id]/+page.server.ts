import { error, fail, redirect } from '@sveltejs/kit';
import { describeEligibility } from '$lib/describe-eligibility';
import { localizePath, pageLanguage } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import { interestSchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { cachedUntilWrite } from '$lib/server/db/cache';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { renderMarkdown } from '$lib/server/markdown';
import { findInterest, getOpenOpportunity, topicOf } from '$lib/server/opportunities';
import { formatDayIn, opportunityCard } from '$lib/server/opportunity-views';
import { submitSupportRequest } from '$lib/server/requests';
import { getCouncilSettings } from '$lib/server/settings';
import { londonToday } from '$lib/london-time';
import type { Actions, PageServerLoad } from './$types';

/** The id in the address, or a 404: `/opportunities/abc` is not a page. */
function idOf(param: string) {
	const id = Number(param);
	if (!/^\d{1,9}$/.test(param) || !Number.isSafeInteger(id)) {
		error(404, m.opportunities_not_found());
	}
	return id;
}

/** Everything but the reader's own part, rendered once a day per language until it changes. */
function loadOpportunityPage(id: number) {
	const item = getOpenOpportunity(db, id);
	if (!item) {
		return undefined;
	}
	const language = pageLanguage();
	return {
		...opportunityCard(item, language),
		pay: item.pay,
		starts: item.startsOn ? formatDayIn(language, item.startsOn) : null,
		bodyHtml: renderMarkdown(item.body),
		steps: item.steps,
		applyUrl: item.applyUrl,
		contacts: item.contacts,
		whoCanApply: describeEligibility({ ...item, isParent: false }, getCouncilSettings(db).shortName)
	};
}

export const load: PageServerLoad = ({ params, locals }) => {
	const id = idOf(params.id);
	const opportunity = cachedUntilWrite(
		db,
		`opportunity:${pageLanguage()}:${londonToday()}:${id}`,
		() => loadOpportunityPage(id)
	);
	if (!opportunity) {
		error(404, m.opportunities_not_found());
	}
	const leaver = locals.user?.role === 'leaver' ? locals.user : null;
	const interest = leaver ? findInterest(db, leaver, id) : undefined;
	return {
		opportunity,
		interest: interest
			? { requestId: interest.id, on: formatDayIn(pageLanguage(), londonToday(interest.createdAt)) }
			: null,
		idempotencyKey: leaver ? generateIdempotencyKey() : null
	};
};

export const actions = {
	/** "I'm interested": a request to the young person's PA, linked to the opportunity. */
	interested: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const id = idOf(event.params.id);
		const item = getOpenOpportunity(db, id);
		if (!item) {
			error(404, m.opportunities_not_found());
		}
		const form = await readForm(event.request);
		const values = echo(form, { message: 6000 });
		const parsed = interestSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: fieldErrors(parsed.error) });
		}
		// Told once: a second tap (or a second phone) goes to the request already made.
		const existing = findInterest(db, leaver, id);
		if (existing) {
			redirect(303, localizePath(`/requests/${existing.id}`));
		}
		const result = submitSupportRequest(db, leaver, {
			topic: topicOf(item.kind),
			opportunityId: item.id,
			message:
				parsed.data.message ||
				m.opportunities_interested_default({ title: item.title, organisation: item.organisation }),
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
