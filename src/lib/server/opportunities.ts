/**
 * The opportunities board: jobs, apprenticeships, work experience, training and volunteering.
 * Staff write them (drafts first: opportunity-editing.ts, opportunity-import.ts); published ones are on the public board until their closing
 * date has passed, then leave it by themselves. Who can apply uses the offer's eligibility model,
 * so "what I can apply for" follows the same rules as the eligibility checker.
 */
import { and, asc, count, desc, eq, gte, isNotNull, ne } from 'drizzle-orm';
import { ageOn, offerApplies, placeLegalStatus } from '$lib/eligibility';
import { londonToday } from '$lib/london-time';
import type { LegalStatus } from '$lib/schemas/offer';
import type { OpportunityKind } from '$lib/schemas/opportunity';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { opportunity, supportRequest } from './db/schema';

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

/**
 * Whether a young person can apply for an opportunity or go to an event (the same rules as an
 * offer; neither is ever for parents only).
 */
export function canApply(
	item: Pick<Opportunity, 'minAge' | 'maxAge' | 'statuses' | 'livesInArea' | 'inEducation'>,
	person: Applicant
) {
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
