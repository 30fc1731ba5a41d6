/**
 * The opportunities board: jobs, apprenticeships, work experience, training and volunteering.
 * Staff write them (drafts first); published ones are on the public board until their closing
 * date has passed, then leave it by themselves. Who can apply uses the offer's eligibility model,
 * so "what I can apply for" follows the same rules as the eligibility checker.
 */
import { and, asc, count, desc, eq, gte, isNotNull, ne } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { ageOn, offerApplies, placeLegalStatus } from '$lib/eligibility';
import { londonToday } from '$lib/london-time';
import type { LegalStatus } from '$lib/schemas/offer';
import type { OpportunityKind } from '$lib/schemas/opportunity';
import { opportunityFormSchema, type OpportunityInput } from '$lib/schemas/opportunity-form';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { opportunity, supportRequest, type Contact } from './db/schema';

export type Opportunity = typeof opportunity.$inferSelect;

/** A young person's situation, as the eligibility checker and the board's filter use it. */
export type Applicant = {
	age: number;
	status: LegalStatus;
	livesInArea: boolean;
	inEducation: boolean;
};

/** Opportunities published this recently are marked "new"; closing this soon, "closes soon". */
export const NEW_FOR_DAYS = 7;
export const CLOSING_SOON_DAYS = 7;

/** Whether a young person can apply (same rules as an offer; opportunities are not for parents only). */
export function canApply(item: Opportunity, person: Applicant) {
	return offerApplies({ ...item, isParent: false }, { ...person, isParent: false });
}

/**
 * A care leaver's situation from their account: age from their date of birth; everyone with an
 * account has been in care, so the status follows from their age (relevant under 18, former
 * relevant from 18), as the checker assumes for "I'm not sure".
 */
export function applicantFromAccount(leaver: User, now = Date.now()): Applicant | null {
	const age = leaver.dateOfBirth ? ageOn(leaver.dateOfBirth, new Date(now)) : null;
	if (age === null) {
		return null;
	}
	const placement = placeLegalStatus(age, 'left-care');
	if (placement.kind !== 'status') {
		return null;
	}
	return {
		age,
		status: placement.status,
		livesInArea: leaver.livesInArea ?? false,
		inEducation: leaver.inEducation ?? false
	};
}

/** On the public board: published and not past its closing date (London time). */
function openCondition(today: string) {
	return and(eq(opportunity.status, 'published'), gte(opportunity.closesOn, today));
}

/** The public board, closing soonest first (so nobody misses a date), narrowed by the filters. */
export function listOpenOpportunities(
	db: Database,
	filters: { kind?: OpportunityKind; applicant?: Applicant } = {},
	now = Date.now()
): Opportunity[] {
	const conditions = [openCondition(londonToday(now))];
	if (filters.kind) {
		conditions.push(eq(opportunity.kind, filters.kind));
	}
	const items = db
		.select()
		.from(opportunity)
		.where(and(...conditions))
		.orderBy(asc(opportunity.closesOn), desc(opportunity.publishedAt), asc(opportunity.id))
		.all();
	const { applicant } = filters;
	return applicant ? items.filter((item) => canApply(item, applicant)) : items;
}

/** "New for you": open opportunities this young person can apply for, newest first. */
export function listNewOpportunitiesFor(
	db: Database,
	applicant: Applicant,
	limit: number,
	now = Date.now()
): Opportunity[] {
	return db
		.select()
		.from(opportunity)
		.where(and(openCondition(londonToday(now)), isNotNull(opportunity.publishedAt)))
		.orderBy(desc(opportunity.publishedAt), desc(opportunity.id))
		.all()
		.filter((item) => canApply(item, applicant))
		.slice(0, limit);
}

/** One opportunity as the public sees it: undefined unless it is on the board today. */
export function getOpenOpportunity(db: Database, id: number, now = Date.now()) {
	return db
		.select()
		.from(opportunity)
		.where(and(eq(opportunity.id, id), openCondition(londonToday(now))))
		.get();
}

export function getOpportunity(db: Executor, id: number) {
	return db.select().from(opportunity).where(eq(opportunity.id, id)).get();
}

/** Every opportunity for staff, drafts and closed ones too, with how many young people asked. */
export function listOpportunitiesForStaff(db: Database) {
	const interest = db
		.select({ opportunityId: supportRequest.opportunityId, asked: count() })
		.from(supportRequest)
		.where(isNotNull(supportRequest.opportunityId))
		.groupBy(supportRequest.opportunityId)
		.all();
	const asked = new Map(interest.map((row) => [row.opportunityId, row.asked]));
	return db
		.select()
		.from(opportunity)
		.orderBy(desc(opportunity.updatedAt), desc(opportunity.id))
		.all()
		.map((item) => ({ ...item, interested: asked.get(item.id) ?? 0 }));
}

/** Where an opportunity stands today, for staff: a published one past its date is "closed". */
export function boardState(item: Opportunity, now = Date.now()) {
	if (item.status === 'published' && item.closesOn < londonToday(now)) {
		return 'past-closing-date' as const;
	}
	return item.status;
}

function contactsOf(input: OpportunityInput): Contact[] {
	if (!input.contactName) {
		return [];
	}
	const contact: Contact = { name: input.contactName };
	return [
		{
			...contact,
			...(input.contactPhone ? { phone: input.contactPhone } : {}),
			...(input.contactEmail ? { email: input.contactEmail } : {})
		}
	];
}

function columnsOf(input: OpportunityInput) {
	return {
		kind: input.kind,
		title: input.title,
		organisation: input.organisation,
		summary: input.summary,
		body: input.body,
		place: input.place ?? null,
		pay: input.pay ?? null,
		startsOn: input.startsOn ?? null,
		closesOn: input.closesOn,
		ringFenced: input.ringFenced,
		minAge: input.minAge,
		maxAge: input.maxAge,
		statuses: input.statuses,
		livesInArea: input.livesInArea,
		inEducation: input.inEducation,
		steps: input.steps,
		applyUrl: input.applyUrl ?? null,
		contacts: contactsOf(input)
	};
}

/** The editor's fields for an opportunity (the same names as the form and the CSV). */
export function formValuesOf(item: Opportunity) {
	const contact = item.contacts[0];
	return {
		kind: item.kind,
		title: item.title,
		organisation: item.organisation,
		summary: item.summary,
		body: item.body,
		place: item.place ?? '',
		pay: item.pay ?? '',
		startsOn: item.startsOn ?? '',
		closesOn: item.closesOn,
		ringFenced: item.ringFenced,
		minAge: String(item.minAge),
		maxAge: String(item.maxAge),
		statuses: item.statuses as string[],
		livesInArea: item.livesInArea,
		inEducation: item.inEducation,
		steps: item.steps.join('\n'),
		applyUrl: item.applyUrl ?? '',
		contactName: contact?.name ?? '',
		contactPhone: contact?.phone ?? '',
		contactEmail: contact?.email ?? ''
	};
}

/** A new opportunity, as a draft: nobody outside the team sees it until it is published. */
export function createOpportunity(
	db: Database,
	actor: User,
	input: OpportunityInput,
	now = Date.now()
) {
	return db.transaction((tx) => {
		const made = tx
			.insert(opportunity)
			.values({
				...columnsOf(input),
				status: 'draft',
				createdById: actor.id,
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.returning()
			.get();
		recordAudit(tx, {
			actorId: actor.id,
			action: 'opportunity-created',
			target: `opportunity:${made.id}`
		});
		return made;
	});
}

export function updateOpportunity(
	db: Database,
	actor: User,
	id: number,
	input: OpportunityInput,
	now = Date.now()
) {
	return db.transaction((tx) => {
		const saved = tx
			.update(opportunity)
			.set({ ...columnsOf(input), updatedAt: new Date(now) })
			.where(eq(opportunity.id, id))
			.returning()
			.get();
		if (saved) {
			recordAudit(tx, {
				actorId: actor.id,
				action: 'opportunity-saved',
				target: `opportunity:${id}`
			});
		}
		return saved;
	});
}

/**
 * Publish, or close early. Publishing a closed one opens it again; "new for you" counts from the
 * first time it was published, so reopening does not push it to the top.
 */
export function setOpportunityStatus(
	db: Database,
	actor: User,
	id: number,
	status: 'published' | 'closed' | 'draft',
	now = Date.now()
) {
	return db.transaction((tx) => {
		const current = getOpportunity(tx, id);
		if (!current) {
			return undefined;
		}
		const saved = tx
			.update(opportunity)
			.set({
				status,
				publishedAt:
					status === 'published' ? (current.publishedAt ?? new Date(now)) : current.publishedAt,
				updatedAt: new Date(now)
			})
			.where(eq(opportunity.id, id))
			.returning()
			.get();
		recordAudit(tx, {
			actorId: actor.id,
			action:
				status === 'published'
					? 'opportunity-published'
					: status === 'closed'
						? 'opportunity-closed'
						: 'opportunity-saved',
			target: `opportunity:${id}`
		});
		return saved;
	});
}

/** What an opportunity says, without its id, state or history. */
function contentOf(item: Opportunity) {
	return {
		kind: item.kind,
		title: item.title,
		organisation: item.organisation,
		summary: item.summary,
		body: item.body,
		place: item.place,
		pay: item.pay,
		startsOn: item.startsOn,
		closesOn: item.closesOn,
		ringFenced: item.ringFenced,
		minAge: item.minAge,
		maxAge: item.maxAge,
		statuses: item.statuses,
		livesInArea: item.livesInArea,
		inEducation: item.inEducation,
		steps: item.steps,
		applyUrl: item.applyUrl,
		contacts: item.contacts
	};
}

/** A copy as a new draft (the same scheme again next year, another intake). */
export function copyOpportunity(db: Database, actor: User, id: number, now = Date.now()) {
	const source = getOpportunity(db, id);
	if (!source) {
		return undefined;
	}
	return db.transaction((tx) => {
		const made = tx
			.insert(opportunity)
			.values({
				...contentOf(source),
				status: 'draft',
				createdById: actor.id,
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.returning()
			.get();
		recordAudit(tx, {
			actorId: actor.id,
			action: 'opportunity-created',
			target: `opportunity:${made.id}`,
			detail: { copiedFrom: id }
		});
		return made;
	});
}

// ——— Import from a partner's CSV ———

/** The CSV's columns, in the template's order: the editor's field names. */
export const CSV_COLUMNS = [
	'kind',
	'title',
	'organisation',
	'summary',
	'body',
	'place',
	'pay',
	'startsOn',
	'closesOn',
	'ringFenced',
	'minAge',
	'maxAge',
	'statuses',
	'livesInArea',
	'inEducation',
	'steps',
	'applyUrl',
	'contactName',
	'contactPhone',
	'contactEmail'
] as const;

/** Columns every file must have; the others may be left out (empty). */
const CSV_REQUIRED_COLUMNS = [
	'kind',
	'title',
	'organisation',
	'summary',
	'body',
	'closesOn',
	'minAge',
	'maxAge',
	'statuses',
	'steps'
] as const;

/** At most this many rows in one file (a partner's list, not a database dump). */
export const CSV_MAX_ROWS = 200;

export type ImportProblem = { row: number; column: string; message: string };

/** "Closes on", "closes_on" and "closesOn" all name the same column. */
function columnKey(header: string) {
	const plain = header
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '');
	return CSV_COLUMNS.find((column) => column.toLowerCase() === plain);
}

/**
 * Checks every row of a partner's CSV and, only when all are right, adds them all as drafts in
 * one transaction: nothing is half-imported. Problems name the row as a spreadsheet numbers it
 * (the header is row 1).
 */
export function importOpportunities(
	db: Database,
	actor: User,
	csv: string,
	now = Date.now()
): { ok: true; created: number } | { ok: false; problems: ImportProblem[] } {
	let records: string[][];
	try {
		records = parse(csv.replace(/^\uFEFF/, ''), {
			skip_empty_lines: true,
			relax_column_count: true,
			trim: true
		}) as string[][];
	} catch {
		return {
			ok: false,
			problems: [
				{
					row: 1,
					column: '',
					message:
						'This file could not be read as CSV. Save it as “CSV (comma delimited)” and try again.'
				}
			]
		};
	}
	const [header, ...rows] = records;
	if (!header || rows.length === 0) {
		return {
			ok: false,
			problems: [{ row: 1, column: '', message: 'The file has no rows under the header.' }]
		};
	}
	const keys = header.map(columnKey);
	const missing = CSV_REQUIRED_COLUMNS.filter((column) => !keys.includes(column));
	if (missing.length > 0) {
		return {
			ok: false,
			problems: [
				{ row: 1, column: '', message: `The header needs these columns: ${missing.join(', ')}.` }
			]
		};
	}
	if (rows.length > CSV_MAX_ROWS) {
		return {
			ok: false,
			problems: [{ row: 1, column: '', message: `Import at most ${CSV_MAX_ROWS} rows at a time.` }]
		};
	}
	const problems: ImportProblem[] = [];
	const inputs: OpportunityInput[] = [];
	rows.forEach((cells, index) => {
		const record: Record<string, string> = {};
		keys.forEach((key, column) => {
			if (key) {
				record[key] = cells[column] ?? '';
			}
		});
		const parsed = opportunityFormSchema.safeParse(record);
		if (parsed.success) {
			inputs.push(parsed.data);
		} else {
			for (const issue of parsed.error.issues) {
				problems.push({
					row: index + 2,
					column: String(issue.path[0] ?? ''),
					message: issue.message
				});
			}
		}
	});
	if (problems.length > 0) {
		return { ok: false, problems };
	}
	db.transaction((tx) => {
		for (const input of inputs) {
			tx.insert(opportunity)
				.values({
					...columnsOf(input),
					status: 'draft',
					createdById: actor.id,
					createdAt: new Date(now),
					updatedAt: new Date(now)
				})
				.run();
		}
		recordAudit(tx, {
			actorId: actor.id,
			action: 'opportunities-imported',
			target: 'opportunity',
			detail: { rows: inputs.length }
		});
	});
	return { ok: true, created: inputs.length };
}

// ——— "I'm interested" ———

/** The young person's open request about this opportunity, if they already said they are interested. */
export function findInterest(db: Database, leaver: User, opportunityId: number) {
	return db
		.select({ id: supportRequest.id, createdAt: supportRequest.createdAt })
		.from(supportRequest)
		.where(
			and(
				eq(supportRequest.leaverId, leaver.id),
				eq(supportRequest.opportunityId, opportunityId),
				ne(supportRequest.status, 'resolved')
			)
		)
		.orderBy(desc(supportRequest.createdAt))
		.get();
}

/** The request's topic: training is education; the rest is work. */
export function topicOf(kind: OpportunityKind) {
	return kind === 'training' ? 'education' : 'employment';
}
