/** Writing opportunities: the editor's save, publish, close early and copy, audited. */
import { eq } from 'drizzle-orm';
import type { OpportunityInput } from '$lib/schemas/opportunity-form';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { opportunity, type Contact } from './db/schema';
import { getOpportunity, type Opportunity } from './opportunities';

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

export function columnsOf(input: OpportunityInput) {
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
	return db.transaction((tx) => insertDraft(tx, actor, columnsOf(input), now));
}

/** A new draft row, audited as created (`detail` says where it came from). */
function insertDraft(
	tx: Executor,
	actor: User,
	content: ReturnType<typeof columnsOf>,
	now: number,
	detail?: Record<string, unknown>
) {
	const made = tx
		.insert(opportunity)
		.values({
			...content,
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
		detail
	});
	return made;
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
	return db.transaction((tx) => insertDraft(tx, actor, contentOf(source), now, { copiedFrom: id }));
}
