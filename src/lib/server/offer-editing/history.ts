/** An offer's history and what changed between two versions. */
import { desc, eq } from 'drizzle-orm';
import { diffLines, diffWords, type ChangeObject } from 'diff';
import type { OfferContent } from '$lib/schemas/offer';
import type { Database } from '../db/connection';
import { offerVersion, user } from '../db/schema';

export function listOfferVersions(db: Database, id: number) {
	return db
		.select({
			version: offerVersion.version,
			content: offerVersion.content,
			change: offerVersion.change,
			createdAt: offerVersion.createdAt,
			authorName: user.name
		})
		.from(offerVersion)
		.leftJoin(user, eq(user.id, offerVersion.authorId))
		.where(eq(offerVersion.offerId, id))
		.orderBy(desc(offerVersion.version))
		.all();
}

export const FIELD_LABELS: [keyof FlatContent, string][] = [
	['title', 'Title'],
	['slug', 'Web address'],
	['category', 'Topic'],
	['summary', 'Summary'],
	['body', 'Main text'],
	['eligibility', 'Who can get it'],
	['steps', 'How to get it'],
	['contacts', 'Contacts'],
	['kind', 'Right by law or extra'],
	['keywords', 'Search words'],
	['reviewedOn', 'Last checked'],
	['published', 'Status']
];

export type FlatContent = Record<keyof OfferContent, string>;

/** Each field as the text a person compares. */
export function flatten(content: OfferContent): FlatContent {
	const e = content.eligibility;
	const conditions = [
		e.livesInArea ? 'lives in the area' : null,
		e.inEducation ? 'in education or training' : null,
		e.isParent ? 'young parents' : null
	].filter(Boolean);
	return {
		slug: content.slug,
		title: content.title,
		category: content.category,
		summary: content.summary,
		body: content.body,
		eligibility: [
			`Ages ${e.minAge} to ${e.maxAge}`,
			`Groups: ${e.statuses.join(', ')}`,
			conditions.length ? `Only: ${conditions.join(', ')}` : 'No other conditions',
			e.notes ? `Notes: ${e.notes}` : ''
		]
			.filter(Boolean)
			.join('\n'),
		steps: content.steps.map((step, index) => `${index + 1}. ${step}`).join('\n'),
		contacts: content.contacts
			.map((c) =>
				[c.name, c.phone, c.text && `text ${c.text}`, c.email, c.url].filter(Boolean).join(', ')
			)
			.join('\n'),
		kind: content.kind === 'statutory' ? 'Right by law' : 'Extra',
		keywords: content.keywords.join(', '),
		reviewedOn: content.reviewedOn,
		published: content.published ? 'Published' : 'Draft'
	};
}

export const MULTILINE = new Set<keyof FlatContent>(['body', 'eligibility', 'steps', 'contacts']);

export type FieldDiff = { field: string; label: string; parts: ChangeObject<string>[] };

/** What changed between two versions, field by field, as word or line differences. */
export function diffOfferContent(older: OfferContent | null, newer: OfferContent): FieldDiff[] {
	const before = older ? flatten(older) : null;
	const after = flatten(newer);
	const diffs: FieldDiff[] = [];
	for (const [field, label] of FIELD_LABELS) {
		const oldText = before?.[field] ?? '';
		if (before && oldText === after[field]) {
			continue;
		}
		const parts = MULTILINE.has(field)
			? diffLines(oldText, after[field])
			: diffWords(oldText, after[field]);
		diffs.push({ field, label, parts });
	}
	return diffs;
}

export function changedFields(older: OfferContent, newer: OfferContent) {
	return diffOfferContent(older, newer).map((diff) => diff.field);
}
