import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '$lib/contrast';
import {
	emptyOfferForm,
	parseOfferForm,
	readOfferForm,
	toOfferFormValues,
	type OfferFormValues
} from '$lib/schemas/offer-form';
import { youSaidWeDidSchema } from '$lib/schemas/you-said-we-did';
import { listAuditEvents } from '$lib/server/audit';
import { auditEvent, offer, user } from '$lib/server/db/schema';
import {
	createOffer,
	diffOfferContent,
	findOfferRedirect,
	getOfferById,
	isReviewDue,
	listOfferVersions,
	listOffersForLead,
	listWhatsNew,
	markOfferReviewed,
	moveOffer,
	offerToContent,
	restoreOfferVersion,
	reviewDueOn,
	saveOffer,
	saveReviewMonths
} from '$lib/server/offer-editing';
import { getPublishedOfferBySlug, listPublicOfferSummaries } from '$lib/server/offers';
import {
	councilSettingsFormSchema,
	getCouncilSettings,
	listCategories,
	moveCategory
} from '$lib/server/settings';
import { listYouSaidWeDid, saveYouSaidWeDid } from '$lib/server/you-said-we-did';
import { createTestDatabase } from './helpers';

type Db = ReturnType<typeof createTestDatabase>;

function addLead(db: Db, name = 'Lee Lead') {
	return db
		.insert(user)
		.values({ role: 'lead', name, username: name.toLowerCase().replace(' ', '-') })
		.returning()
		.get();
}

function offerBySlug(db: Db, slug: string) {
	const row = db.select().from(offer).where(eq(offer.slug, slug)).get();
	if (!row) {
		throw new Error(`no offer ${slug}`);
	}
	return row;
}

function validForm(overrides: Partial<OfferFormValues> = {}): OfferFormValues {
	return {
		...emptyOfferForm('2026-11-01'),
		slug: 'driving-lessons',
		title: 'Driving lessons',
		category: 'money',
		summary: 'We pay for ten driving lessons when you are ready.',
		body: 'Learning to drive helps you get to work and college. **Ask your PA** first.',
		steps: 'Talk to your PA\nChoose a driving school\nSend us the bill',
		contacts: [
			{ name: 'Leaving Care Team', phone: '01642 393939', text: '', email: '', url: '' },
			{ name: '', phone: '', text: '', email: '', url: '' }
		],
		keywords: 'car, licence',
		...overrides
	};
}

describe('the offer form', () => {
	it('turns a complete form into the content model', () => {
		const parsed = parseOfferForm(validForm(), false);
		expect(parsed.success).toBe(true);
		if (!parsed.success) {
			return;
		}
		expect(parsed.content.steps).toEqual([
			'Talk to your PA',
			'Choose a driving school',
			'Send us the bill'
		]);
		expect(parsed.content.contacts).toEqual([
			{
				name: 'Leaving Care Team',
				phone: '01642 393939',
				text: undefined,
				email: undefined,
				url: undefined
			}
		]);
		expect(parsed.content.keywords).toEqual(['car', 'licence']);
		expect(parsed.content.published).toBe(false);
	});

	it('reads every field from a form post, ticks and repeated checkboxes included', () => {
		const data = new FormData();
		data.set('title', 'A title');
		data.append('statuses', 'eligible');
		data.append('statuses', 'qualifying');
		data.set('livesInArea', 'on');
		data.set('contact-2-email', 'team@example.org');
		data.set('news', 'on');
		const values = readOfferForm(data);
		expect(values.title).toBe('A title');
		expect(values.statuses).toEqual(['eligible', 'qualifying']);
		expect(values.livesInArea).toBe(true);
		expect(values.inEducation).toBe(false);
		expect(values.contacts[2].email).toBe('team@example.org');
		expect(values.news).toBe(true);
	});

	// Each row: a change to a valid form, the field the message belongs beside, part of the message.
	const CASES: [string, Partial<OfferFormValues>, string, RegExp][] = [
		['slug with capitals', { slug: 'Driving Lessons' }, 'slug', /small letters/],
		['slug too short', { slug: 'ab' }, 'slug', /at least 3/],
		['title too short', { title: 'Hi' }, 'title', /at least 3/],
		['title too long', { title: 'x'.repeat(91) }, 'title', /at most 90/],
		['title with a script', { title: '<script>alert(1)</script> Lessons' }, 'title', /scripts/],
		['no category', { category: '' }, 'category', /Choose a topic/],
		['unknown category', { category: 'sweets' }, 'category', /Choose a topic/],
		['summary too short', { summary: 'Short' }, 'summary', /at least 10/],
		['summary too long', { summary: 'x'.repeat(201) }, 'summary', /at most 200/],
		['body too short', { body: 'Tiny' }, 'body', /at least 20/],
		['100 KB body', { body: 'a'.repeat(100_000) }, 'body', /at most 20000/],
		[
			'body with a script',
			{ body: 'Hello there <script>steal()</script> friend' },
			'body',
			/scripts/
		],
		[
			'body with a javascript: link',
			{ body: 'Click [here](javascript:alert(1)) now please' },
			'body',
			/javascript/
		],
		['minimum age not a number', { minAge: 'sixteen' }, 'minAge', /in numbers/],
		['minimum age too young', { minAge: '10' }, 'minAge', /14 to 25/],
		['maximum age too old', { maxAge: '30' }, 'maxAge', /14 to 25/],
		['ages the wrong way round', { minAge: '21', maxAge: '18' }, 'maxAge', /youngest/],
		['no group chosen', { statuses: [] }, 'statuses', /at least one/],
		['unknown group', { statuses: ['prince'] }, 'statuses', /.+/],
		[
			'other conditions too long',
			{ eligibilityNotes: 'x'.repeat(501) },
			'eligibilityNotes',
			/at most 500/
		],
		['no steps', { steps: '  \n ' }, 'steps', /at least one step/],
		['a step too short', { steps: 'Go\nFill in the form' }, 'steps', /Step 1: .*at least 3/],
		[
			'too many steps',
			{ steps: Array.from({ length: 13 }, (_, i) => `Step number ${i}`).join('\n') },
			'steps',
			/at most 12/
		],
		['no contacts', { contacts: [] }, 'contact-0-name', /at least one contact/],
		[
			'a contact with no way to reach them',
			{ contacts: [{ name: 'Team', phone: '', text: '', email: '', url: '' }] },
			'contact-0-phone',
			/phone number, a text number/
		],
		[
			'a contact phone with letters',
			{ contacts: [{ name: 'Team', phone: '0800 CALL US', text: '', email: '', url: '' }] },
			'contact-0-phone',
			/digits and spaces/
		],
		[
			'a contact text number with letters',
			{ contacts: [{ name: 'Team', phone: '', text: 'SHOUT', email: '', url: '' }] },
			'contact-0-text',
			/digits and spaces/
		],
		[
			'a contact email that is not one',
			{ contacts: [{ name: 'Team', phone: '', text: '', email: 'not-an-email', url: '' }] },
			'contact-0-email',
			/real email/
		],
		[
			'a javascript: contact link',
			{ contacts: [{ name: 'Team', phone: '', text: '', email: '', url: 'javascript:alert(1)' }] },
			'contact-0-url',
			/https:\/\//
		],
		[
			'a contact without a name (second row)',
			{
				contacts: [
					{ name: '', phone: '', text: '', email: '', url: '' },
					{ name: '', phone: '0800 123 456', text: '', email: '', url: '' }
				]
			},
			'contact-1-name',
			/.+/
		],
		['no kind', { kind: '' }, 'kind', /right by law or extra/],
		['a search word too long', { keywords: 'x'.repeat(41) }, 'keywords', /at most 40/],
		['no review date', { reviewedOn: '' }, 'reviewedOn', /last checked/],
		[
			'a review date that is not a date',
			{ reviewedOn: '31/02/2026' },
			'reviewedOn',
			/last checked/
		],
		['news ticked with no sentence', { news: true, newsText: '' }, 'newsText', /one sentence/],
		['news too long', { news: true, newsText: 'x'.repeat(201) }, 'newsText', /at most 200/],
		['a tampered version', { version: 'abc' }, 'version', /out of date/]
	];

	it.each(CASES)('refuses %s, with a message beside the field', (_name, change, field, message) => {
		const parsed = parseOfferForm(validForm(change), true);
		expect(parsed.success).toBe(false);
		if (parsed.success) {
			return;
		}
		expect(parsed.errors[field], JSON.stringify(parsed.errors)).toMatch(message);
	});

	it('accepts emoji in the words', () => {
		const parsed = parseOfferForm(
			validForm({
				title: 'Driving lessons 🚗',
				body: 'Learn to drive 🚦 with our help, step by step.'
			}),
			true
		);
		expect(parsed.success).toBe(true);
	});

	it('shows an offer as stored when the editor opens it', () => {
		const db = createTestDatabase();
		const row = offerBySlug(db, 'council-tax-exemption');
		const values = toOfferFormValues(offerToContent(row), row.version);
		const parsed = parseOfferForm(values, row.published);
		expect(parsed.success).toBe(true);
		if (parsed.success) {
			expect(parsed.content).toEqual(offerToContent(row));
		}
	});
});

describe('saving offers', () => {
	it('creates a draft that is nowhere public', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const parsed = parseOfferForm(validForm(), false);
		if (!parsed.success) {
			throw new Error('form should be valid');
		}
		const result = createOffer(db, lead, parsed.content);
		expect(result.ok).toBe(true);
		expect(getPublishedOfferBySlug(db, 'driving-lessons')).toBeUndefined();
		expect(listPublicOfferSummaries(db).map((item) => item.slug)).not.toContain('driving-lessons');
		const lead1 = listOffersForLead(db, { category: '', status: 'draft', sort: 'order' });
		expect(lead1.rows.map((row) => row.slug)).toContain('driving-lessons');
		expect(lead1.rows.every((row) => !row.published)).toBe(true);
	});

	it('refuses a duplicate slug and saves nothing', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const parsed = parseOfferForm(validForm({ slug: 'council-tax-exemption' }), false);
		if (!parsed.success) {
			throw new Error('form should be valid');
		}
		const before = db.select().from(offer).all().length;
		const result = createOffer(db, lead, parsed.content);
		expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		expect(result.ok === false && result.reason === 'invalid' && result.errors.slug).toMatch(
			/already uses/
		);
		expect(db.select().from(offer).all().length).toBe(before);
	});

	it('refuses the second of two saves from the same version, keeping the first', () => {
		const db = createTestDatabase();
		const first = addLead(db, 'First Lead');
		const second = addLead(db, 'Second Lead');
		const row = offerBySlug(db, 'staying-put');
		const content = offerToContent(row);
		const saved = saveOffer(db, first, row.id, row.version, { ...content, title: 'Staying put A' });
		expect(saved.ok).toBe(true);
		const refused = saveOffer(db, second, row.id, row.version, {
			...content,
			title: 'Staying put B'
		});
		expect(refused).toMatchObject({
			ok: false,
			reason: 'conflict',
			current: { version: row.version + 1, by: 'First Lead' }
		});
		expect(getOfferById(db, row.id)?.title).toBe('Staying put A');
	});

	it('keeps every version, with the content file as the first', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		const content = offerToContent(row);
		saveOffer(db, lead, row.id, 1, { ...content, summary: 'A new summary for staying put.' });
		saveOffer(db, lead, row.id, 2, { ...content, published: false });
		const versions = listOfferVersions(db, row.id);
		expect(versions.map((v) => [v.version, v.change, v.authorName])).toEqual([
			[3, 'unpublished', 'Lee Lead'],
			[2, 'saved', 'Lee Lead'],
			[1, 'from the content file', null]
		]);
		const audit = listAuditEvents(db, {}).rows.map((event) => event.action);
		expect(audit).toEqual(['offer-unpublished', 'offer-saved']);
	});

	it('restores an older version as a new version, keeping the address and status', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		const content = offerToContent(row);
		saveOffer(db, lead, row.id, 1, { ...content, steps: ['A changed step'] });
		saveOffer(db, lead, row.id, 2, {
			...content,
			steps: ['A changed step'],
			slug: 'staying-put-at-home'
		});
		const restored = restoreOfferVersion(db, lead, row.id, 1, 3);
		expect(restored.ok).toBe(true);
		const now = getOfferById(db, row.id)!;
		expect(now.version).toBe(4);
		expect(now.steps).toEqual(content.steps);
		expect(now.slug).toBe('staying-put-at-home');
		expect(now.published).toBe(true);
		expect(listOfferVersions(db, row.id)[0].change).toBe('restored version 1');
	});

	it('refuses to restore from an out-of-date page', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		saveOffer(db, lead, row.id, 1, { ...offerToContent(row), title: 'Staying put now' });
		expect(restoreOfferVersion(db, lead, row.id, 1, 1)).toMatchObject({ reason: 'conflict' });
		expect(restoreOfferVersion(db, lead, row.id, 99, 2)).toMatchObject({ reason: 'not-found' });
	});

	it('keeps the old address leading to an offer whose slug changed', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		saveOffer(db, lead, row.id, 1, {
			...offerToContent(row),
			slug: 'stay-with-your-foster-family'
		});
		expect(findOfferRedirect(db, 'staying-put')).toBe('stay-with-your-foster-family');
		expect(getPublishedOfferBySlug(db, 'stay-with-your-foster-family')?.id).toBe(row.id);
		// Another offer cannot take the old address while it still leads somewhere.
		const other = offerBySlug(db, 'council-tax-exemption');
		const taken = saveOffer(db, lead, other.id, 1, {
			...offerToContent(other),
			slug: 'staying-put'
		});
		expect(taken).toMatchObject({ ok: false, reason: 'invalid' });
		// Changing it back removes the redirect (the address is the offer's own again).
		saveOffer(db, lead, row.id, 2, {
			...offerToContent(getOfferById(db, row.id)!),
			slug: 'staying-put'
		});
		expect(findOfferRedirect(db, 'staying-put')).toBeUndefined();
		expect(findOfferRedirect(db, 'stay-with-your-foster-family')).toBe('staying-put');
	});

	it('does not redirect to a draft', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		saveOffer(db, lead, row.id, 1, {
			...offerToContent(row),
			slug: 'staying-put-2',
			published: false
		});
		expect(findOfferRedirect(db, 'staying-put')).toBeUndefined();
	});

	it('marks an offer as reviewed today', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		const now = new Date('2027-03-04T10:00:00Z');
		expect(markOfferReviewed(db, lead, row.id, 1, now).ok).toBe(true);
		expect(getOfferById(db, row.id)?.reviewedAt.toISOString()).toBe('2027-03-04T00:00:00.000Z');
		expect(listOfferVersions(db, row.id)[0].change).toBe('reviewed');
	});

	it('moves an offer within its topic', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const order = () =>
			listOffersForLead(db, { category: 'money', status: 'all', sort: 'order' }).rows.map(
				(row) => row.slug
			);
		const before = order();
		const second = offerBySlug(db, before[1]);
		moveOffer(db, lead, second.id, 'up');
		expect(order()).toEqual([before[1], before[0], ...before.slice(2)]);
		moveOffer(db, lead, second.id, 'up');
		expect(order()[0]).toBe(before[1]);
	});

	it('changes the public list (and so its ETag) when a published offer is edited', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const row = offerBySlug(db, 'staying-put');
		const before = JSON.stringify(listPublicOfferSummaries(db));
		saveOffer(
			db,
			lead,
			row.id,
			1,
			{ ...offerToContent(row), body: `${row.body}\n\nOne more line.` },
			{
				now: new Date(Date.now() + 1000)
			}
		);
		expect(JSON.stringify(listPublicOfferSummaries(db))).not.toBe(before);
	});
});

describe('review dates', () => {
	const ROWS: [string, string, number, boolean][] = [
		['2026-05-23', '2026-11-22T12:00:00Z', 6, false],
		['2026-05-23', '2026-11-23T00:00:00Z', 6, true],
		['2026-05-23', '2027-01-01T00:00:00Z', 6, true],
		['2026-11-01', '2026-11-23T00:00:00Z', 6, false],
		['2026-08-31', '2027-02-27T00:00:00Z', 6, false],
		['2026-08-31', '2027-02-28T00:00:00Z', 6, true],
		['2026-10-23', '2026-11-23T00:00:00Z', 1, true]
	];
	it.each(ROWS)('checked on %s, on %s, after %i months: due %s', (reviewed, now, months, due) => {
		expect(isReviewDue(new Date(`${reviewed}T00:00:00Z`), new Date(now), months)).toBe(due);
	});

	it('uses the lead’s setting for the list', () => {
		const db = createTestDatabase();
		const now = new Date('2030-01-01T00:00:00Z');
		expect(
			listOffersForLead(db, { category: '', status: 'review-due', sort: 'order' }, now).rows.length
		).toBeGreaterThan(20);
		saveReviewMonths(db, addLead(db), 24);
		const { rows, reviewMonths } = listOffersForLead(
			db,
			{ category: '', status: 'review-due', sort: 'order' },
			new Date('2026-12-01T00:00:00Z')
		);
		expect(reviewMonths).toBe(24);
		expect(rows).toEqual([]);
		expect(reviewDueOn(new Date('2026-01-31T00:00:00Z'), 1).toISOString().slice(0, 10)).toBe(
			'2026-02-28'
		);
	});
});

describe('the history’s differences', () => {
	it('shows only the fields that changed, word by word or line by line', () => {
		const db = createTestDatabase();
		const content = offerToContent(offerBySlug(db, 'staying-put'));
		const changed = {
			...content,
			title: `${content.title} with carers`,
			steps: [...content.steps.slice(0, 1), 'A brand new step'],
			published: false
		};
		const diffs = diffOfferContent(content, changed);
		expect(diffs.map((d) => d.field)).toEqual(['title', 'steps', 'published']);
		const title = diffs[0].parts;
		expect(title.filter((p) => p.added).map((p) => p.value.trim())).toContain('with carers');
		const steps = diffs[1].parts;
		expect(steps.some((p) => p.added && p.value.includes('2. A brand new step'))).toBe(true);
		expect(steps.some((p) => p.removed && p.value.includes(`2. ${content.steps[1]}`))).toBe(true);
		expect(diffs[2].parts.map((p) => [p.value, Boolean(p.added), Boolean(p.removed)])).toEqual([
			['Published', false, true],
			['Draft', true, false]
		]);
	});

	it('shows every field as added for the first version', () => {
		const db = createTestDatabase();
		const content = offerToContent(offerBySlug(db, 'staying-put'));
		const diffs = diffOfferContent(null, content);
		expect(diffs.length).toBe(12);
		expect(diffs.every((d) => d.parts.every((p) => p.added))).toBe(true);
	});
});

describe("what's new", () => {
	it('lists published offers a lead told young people about in the last 90 days', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const a = offerBySlug(db, 'staying-put');
		const b = offerBySlug(db, 'council-tax-exemption');
		const now = new Date('2026-11-23T10:00:00Z');
		saveOffer(db, lead, a.id, 1, offerToContent(a), {
			news: 'You can now stay until you are 21.',
			now: new Date('2026-11-01T10:00:00Z')
		});
		saveOffer(db, lead, b.id, 1, offerToContent(b), {
			news: 'Old news from the spring.',
			now: new Date('2026-08-01T10:00:00Z')
		});
		expect(listWhatsNew(db, now).map((row) => [row.slug, row.news])).toEqual([
			['staying-put', 'You can now stay until you are 21.']
		]);
		saveOffer(db, lead, a.id, 2, { ...offerToContent(getOfferById(db, a.id)!), published: false });
		expect(listWhatsNew(db, now)).toEqual([]);
	});
});

describe('topics and council settings', () => {
	it('refuses colours that make text hard to read', () => {
		const council = getCouncilSettings(createTestDatabase());
		const pale = councilSettingsFormSchema.safeParse({
			...council,
			colours: { primary: '#f2a541', accent: '#1d5c63' }
		});
		expect(pale.success).toBe(false);
		const paths = pale.success ? [] : pale.error.issues.map((issue) => issue.path.join('.'));
		expect(paths).toEqual(['colours.primary', 'colours.accent']);
		const badHex = councilSettingsFormSchema.safeParse({
			...council,
			colours: { primary: 'teal', accent: '#f2a541' }
		});
		expect(badHex.success ? [] : badHex.error.issues.map((i) => i.message)).toEqual([
			'Use a colour like #1d5c63'
		]);
		expect(councilSettingsFormSchema.safeParse(council).success).toBe(true);
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
	});

	it('moves a topic up', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const before = listCategories(db).map((c) => c.slug);
		moveCategory(db, lead.id, before[1], 'up');
		expect(
			listCategories(db)
				.map((c) => c.slug)
				.slice(0, 2)
		).toEqual([before[1], before[0]]);
	});
});

describe('you said, we did', () => {
	it('shows only published entries, never linking a draft offer', () => {
		const db = createTestDatabase();
		const lead = addLead(db);
		const entry = youSaidWeDidSchema.parse({
			youSaid: 'Forms for the bursary were too long.',
			weDid: 'We cut the form to one page.',
			offer: 'staying-put',
			published: 'on'
		});
		expect(saveYouSaidWeDid(db, lead.id, entry).ok).toBe(true);
		saveYouSaidWeDid(db, lead.id, { ...entry, published: false });
		expect(listYouSaidWeDid(db, { publishedOnly: true }).map((e) => e.offerSlug)).toEqual([
			'staying-put'
		]);
		const row = offerBySlug(db, 'staying-put');
		saveOffer(db, lead, row.id, 1, { ...offerToContent(row), published: false });
		expect(listYouSaidWeDid(db, { publishedOnly: true })[0].offerSlug).toBeNull();
		expect(saveYouSaidWeDid(db, lead.id, { ...entry, offer: 'no-such-offer' })).toMatchObject({
			ok: false,
			field: 'offer'
		});
		expect(
			db
				.select()
				.from(auditEvent)
				.all()
				.map((e) => e.action)
		).toContain('you-said-we-did-changed');
	});
});
