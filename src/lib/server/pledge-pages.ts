/** The pledge forms shared by the supporter's, the lead's and the PA's pages. */
import { fail } from '@sveltejs/kit';
import { matchOutcomeSchema, pledgeMatchSchema } from '$lib/schemas/pledge-form';
import type { User } from './auth/session';
import { db } from './db';
import { echo, fieldErrors } from './forms';
import {
	getMatchForRequest,
	getOpenPledge,
	getPledge,
	getSupporter,
	matchPledge,
	recordOutcome,
	type MatchProblem,
	type PledgeMatch
} from './pledges';
import type { SupportRequest } from './requests';

/**
 * How a match went, from a form shared by the supporter's page and the PA's request page: the
 * values and messages come back beside the fields of that match's form (`outcomeFor`).
 */
export function saveOutcome(
	actor: User,
	form: Record<string, string>,
	findMatch: (id: number) => PledgeMatch | undefined
) {
	const values = echo(form, { outcome: 20, hours: 10, paid: 12 });
	const parsed = matchOutcomeSchema.safeParse(form);
	const matchId = Number(form.match);
	if (!parsed.success) {
		return fail(400, { outcomeFor: matchId, values, errors: fieldErrors(parsed.error) });
	}
	const match = findMatch(parsed.data.match);
	if (!match) {
		return fail(404, {
			outcomeFor: matchId,
			values,
			errors: { outcome: 'There is no match here.' }
		});
	}
	recordOutcome(db, actor, match, parsed.data);
	return { outcomeSaved: match.id };
}

/**
 * The pledge a young person asked for, on their request's page (staff only): what it is, who
 * the supporter is, whether it can still be matched, and the match once made.
 */
export function pledgeOfRequest(request: SupportRequest) {
	const item = request.pledgeId ? getPledge(db, request.pledgeId) : undefined;
	if (!item) {
		return null;
	}
	const supporter = getSupporter(db, item);
	const match = getMatchForRequest(db, request.id);
	return {
		id: item.id,
		kind: item.kind,
		title: item.title,
		supporterName: supporter?.name ?? '',
		details: item.details,
		until: item.until,
		/** Can still be matched: approved, not past its date and a place left. */
		open: getOpenPledge(db, item.id) !== undefined,
		match: match
			? {
					id: match.id,
					meetWhen: match.meetWhen,
					meetWhere: match.meetWhere,
					note: match.note,
					outcome: match.outcome,
					hours: match.hours,
					paidPence: match.paidPence
				}
			: null
	};
}

const MATCH_PROBLEMS: Record<MatchProblem, string> = {
	'not-open':
		'This pledge cannot be matched now: it has ended, passed its date or has no places left.',
	'already-matched': 'This young person is already matched with the pledge.'
};

/** A PA or lead matches the young person who asked; the supporter is emailed. */
export function saveMatch(staff: User, request: SupportRequest, form: Record<string, string>) {
	const values = echo(form, { meetWhen: 120, meetWhere: 160, note: 600 });
	const parsed = pledgeMatchSchema.safeParse(form);
	if (!parsed.success) {
		return fail(400, { matchForm: { values, errors: fieldErrors(parsed.error) } });
	}
	const result = matchPledge(db, staff, request, parsed.data);
	if (!result.ok) {
		return fail(400, {
			matchForm: { values, errors: { meetWhen: MATCH_PROBLEMS[result.problem] } }
		});
	}
	return { matched: true };
}
