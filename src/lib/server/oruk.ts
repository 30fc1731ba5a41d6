import { sha1 } from '@oslojs/crypto/sha1';
import { z } from 'zod';
import type { CategorySlug, CouncilSettings } from '$lib/schemas/offer';
import { ORUK_DEFAULT_PER_PAGE, orukPagingSchema, type OrukServiceQuery } from '$lib/schemas/oruk';
import type { Database } from './db/connection';
import { listPublishedOffers, type Offer } from './offers';
import { getCouncilSettings, getOfferedLanguages, listCategories, type Category } from './settings';
import { and, eq } from 'drizzle-orm';
import { contentTranslation } from './db/schema';
import type { LanguageCode } from '$lib/languages';
import { languageOf } from '$lib/language-names';

/**
 * Open Referral UK (HSDS 3.0 UK profile) feed of the published offer: the council is the one
 * organization, each published offer a service, each topic a term of the council's own taxonomy.
 * Only public information goes out: no drafts, no people's data (contacts are teams and services).
 *
 * IDs: the schema wants UUIDs, stable and unique within the dataset. They are UUIDv5 (RFC 9562,
 * SHA-1, name-based) of a fixed namespace and a name made of what never changes: the offer's
 * database id (not its slug, which a lead can change), the topic's fixed slug, a contact's place.
 * So nothing is stored, and the same offer keeps the same id for the life of the database.
 */
const ORUK_NAMESPACE = 'f0b9a3c2-5d7e-5b1a-9c3e-4a6f8d2e1b70';

export const ORUK_PROFILE = 'https://openreferraluk.org/';
export const ORUK_OPENAPI_URL =
	'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json';

export function uuidV5(name: string, namespace = ORUK_NAMESPACE): string {
	const namespaceBytes = Uint8Array.from(
		namespace
			.replaceAll('-', '')
			.match(/../g)!
			.map((pair) => parseInt(pair, 16))
	);
	const nameBytes = new TextEncoder().encode(name);
	const input = new Uint8Array(namespaceBytes.length + nameBytes.length);
	input.set(namespaceBytes);
	input.set(nameBytes, namespaceBytes.length);
	const bytes = sha1(input).slice(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const orukIds = {
	organization: () => uuidV5('organization'),
	taxonomy: () => uuidV5('taxonomy:topics'),
	term: (slug: CategorySlug) => uuidV5(`taxonomy-term:${slug}`),
	service: (offerId: number) => uuidV5(`service:${offerId}`),
	contact: (offerId: number, index: number) => uuidV5(`service:${offerId}:contact:${index}`),
	phone: (offerId: number, index: number, kind: 'voice' | 'sms') =>
		uuidV5(`service:${offerId}:contact:${index}:phone:${kind}`),
	attribute: (offerId: number, slug: CategorySlug) =>
		uuidV5(`service:${offerId}:attribute:${slug}`),
	language: (offerId: number, code: string) => uuidV5(`service:${offerId}:language:${code}`)
};

type FeedContext = {
	db: Database;
	council: CouncilSettings;
	categories: Category[];
	origin: string;
	/** The languages the council offers. */
	offered: LanguageCode[];
};

function mapOrganization({ council, origin }: FeedContext) {
	return {
		id: orukIds.organization(),
		name: council.name,
		description: council.welcome,
		email: council.email,
		website: council.website,
		...(council.logo ? { logo: new URL(council.logo, origin).href } : {})
	};
}

function taxonomyName(council: CouncilSettings) {
	return `${council.appName} topics`;
}

export function mapTaxonomy(context: FeedContext) {
	return {
		id: orukIds.taxonomy(),
		name: taxonomyName(context.council),
		description: `The topics ${context.council.name} groups its local offer for care leavers into.`,
		uri: new URL('/offers', context.origin).href,
		version: '1'
	};
}

export function mapTaxonomyTerm(item: Category, context: FeedContext) {
	return {
		id: orukIds.term(item.slug),
		code: item.slug,
		name: item.name,
		description: item.description,
		taxonomy: taxonomyName(context.council),
		taxonomy_id: orukIds.taxonomy(),
		term_uri: new URL(`/offers?category=${item.slug}`, context.origin).href
	};
}

/** The one-to-one fields of a service (what `/services` lists). */
export function mapServiceSummary(item: Offer, context: FeedContext) {
	const email = item.contacts.find((contact) => contact.email)?.email;
	return {
		id: orukIds.service(item.id),
		organization_id: orukIds.organization(),
		name: item.title,
		description: `${item.summary}\n\n${item.body}`,
		url: new URL(`/offers/${item.slug}`, context.origin).href,
		...(email ? { email } : {}),
		status: 'active',
		minimum_age: item.minAge,
		maximum_age: item.maxAge,
		assured_date: item.reviewedAt.toISOString().slice(0, 10),
		last_modified: item.updatedAt.toISOString(),
		organization: mapOrganization(context)
	};
}

/** A fully nested service (`/services/{id}`). */
export function mapService(item: Offer, context: FeedContext) {
	const serviceId = orukIds.service(item.id);
	const topic = context.categories.find((each) => each.slug === item.category);
	return {
		...mapServiceSummary(item, context),
		contacts: item.contacts.map((contact, index) => ({
			id: orukIds.contact(item.id, index),
			service_id: serviceId,
			name: contact.name,
			...(contact.email ? { email: contact.email } : {}),
			phones: [
				...(contact.phone
					? [{ id: orukIds.phone(item.id, index, 'voice'), number: contact.phone, type: 'voice' }]
					: []),
				...(contact.text
					? [{ id: orukIds.phone(item.id, index, 'sms'), number: contact.text, type: 'sms' }]
					: [])
			]
		})),
		attributes: topic
			? [
					{
						id: orukIds.attribute(item.id, topic.slug),
						link_id: serviceId,
						link_type: 'service',
						taxonomy_term_id: orukIds.term(topic.slug),
						taxonomy_term: mapTaxonomyTerm(topic, context)
					}
				]
			: [],
		schedules: [],
		service_areas: [],
		service_at_locations: [],
		languages: mapLanguages(item, context),
		funding: [],
		cost_options: []
	};
}

/**
 * The languages the service's information can be read in on the app: English, and each language
 * it is translated into (a machine draft or checked by a person, as the note says). Services are
 * delivered in English; a PA can book an interpreter.
 */
function mapLanguages(item: Offer, context: FeedContext) {
	const serviceId = orukIds.service(item.id);
	const translated = context.db
		.select({ language: contentTranslation.language, status: contentTranslation.status })
		.from(contentTranslation)
		.where(
			and(eq(contentTranslation.kind, 'offer'), eq(contentTranslation.subject, String(item.id)))
		)
		.all();
	return [
		{ code: 'en', note: 'The information is written in English.' },
		...context.offered.flatMap((code) => {
			const row = translated.find((each) => each.language === code);
			return row
				? [
						{
							code,
							note:
								row.status === 'checked'
									? 'The information is translated, and checked by a person.'
									: 'The information is translated by computer, not yet checked by a person.'
						}
					]
				: [];
		})
	].map(({ code, note }) => ({
		id: orukIds.language(item.id, code),
		service_id: serviceId,
		name: languageOf(code as LanguageCode).englishName,
		code,
		note
	}));
}

// Queries -------------------------------------------------------------------------------------
// (what a query may hold: $lib/schemas/oruk.ts)

/** A page of results with the paging fields of the ORUK API's `Page`. */
export function toPage<T>(items: T[], page = 1, perPage = ORUK_DEFAULT_PER_PAGE) {
	const contents = items.slice((page - 1) * perPage, page * perPage);
	const totalPages = Math.max(1, Math.ceil(items.length / perPage));
	return {
		total_items: items.length,
		total_pages: totalPages,
		page_number: page,
		size: contents.length,
		first_page: page === 1,
		last_page: page >= totalPages,
		empty: contents.length === 0,
		contents
	};
}

function feedContext(db: Database, origin: string): FeedContext {
	return {
		db,
		council: getCouncilSettings(db),
		categories: listCategories(db),
		origin,
		offered: getOfferedLanguages(db)
	};
}

/**
 * Published services matching the query. The age filters describe the ages a searcher asks
 * about: a service matches when its own age range overlaps [minimum_age, maximum_age].
 */
export function listOrukServices(db: Database, query: OrukServiceQuery, origin: string) {
	const context = feedContext(db, origin);
	let offers = listPublishedOffers(db, query.search ? { q: query.search } : {});
	if (query.taxonomy_term_id !== undefined) {
		const topic = context.categories.find(
			(item) => orukIds.term(item.slug) === query.taxonomy_term_id
		);
		offers = topic ? offers.filter((item) => item.category === topic.slug) : [];
	}
	if (query.taxonomy_id !== undefined && query.taxonomy_id !== orukIds.taxonomy()) {
		offers = [];
	}
	if (query.minimum_age !== undefined) {
		offers = offers.filter((item) => item.maxAge >= query.minimum_age!);
	}
	if (query.maximum_age !== undefined) {
		offers = offers.filter((item) => item.minAge <= query.maximum_age!);
	}
	return toPage(
		offers.map((item) => mapServiceSummary(item, context)),
		query.page,
		query.per_page
	);
}

export function getOrukService(db: Database, id: string, origin: string) {
	const context = feedContext(db, origin);
	const found = listPublishedOffers(db).find((item) => orukIds.service(item.id) === id);
	return found ? mapService(found, context) : undefined;
}

export function listOrukTaxonomies(db: Database, origin: string) {
	return [mapTaxonomy(feedContext(db, origin))];
}

export function listOrukTaxonomyTerms(db: Database, origin: string) {
	const context = feedContext(db, origin);
	return context.categories.map((item) => mapTaxonomyTerm(item, context));
}

/** JSON any site may read (the feed is public by design), never cached for long. */
export function orukResponse(body: unknown, status = 200) {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=60'
		}
	});
}

export function orukError(status: 400 | 404, message: string, errors?: Record<string, string[]>) {
	return orukResponse({ status, message, ...(errors ? { errors } : {}) }, status);
}

/**
 * Reads an endpoint's query with `schema` and answers with what `answer` makes of it, or 400 with
 * what is wrong in each field.
 */
export function answerOrukQuery<Schema extends z.ZodType>(
	url: URL,
	schema: Schema,
	answer: (query: z.output<Schema>) => unknown
) {
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		return orukError(
			400,
			'Some of the query is not right.',
			z.flattenError(parsed.error).fieldErrors as Record<string, string[]>
		);
	}
	return orukResponse(answer(parsed.data));
}

/** A paged list endpoint (`?page=&per_page=`): one page of `list`. */
export function pagedOrukList<T>(url: URL, list: () => T[]) {
	return answerOrukQuery(url, orukPagingSchema, ({ page, per_page }) =>
		toPage(list(), page, per_page)
	);
}
