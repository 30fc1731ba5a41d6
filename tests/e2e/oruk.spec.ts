import { expect, test } from '@playwright/test';
import { orukValidators } from '../unit/oruk-schemas';

/**
 * The Open Referral UK feed, over HTTP, against the profile's own schemas (tests/fixtures/oruk/):
 * every published offer, page by page and one by one, with CORS for other sites' tools.
 */
const validators = orukValidators();

type ServicePage = {
	total_items: number;
	total_pages: number;
	page_number: number;
	size: number;
	first_page: boolean;
	last_page: boolean;
	empty: boolean;
	contents: { id: string; name: string; url: string }[];
};

test('every published offer is a valid service, listed page by page and one by one', async ({
	request
}) => {
	const published = (await (await request.get('/api/offers')).json()) as { slug: string }[];
	const seen: ServicePage['contents'] = [];
	const perPage = 7;
	for (let page = 1; ; page += 1) {
		const response = await request.get(`/api/oruk/services?page=${page}&per_page=${perPage}`);
		expect(response.status()).toBe(200);
		expect(response.headers()['access-control-allow-origin']).toBe('*');
		expect(response.headers()['content-type']).toContain('application/json');
		const body = (await response.json()) as ServicePage;
		expect(validators.page(body), JSON.stringify(validators.page.errors)).toBe(true);
		for (const item of body.contents) {
			expect(
				validators.serviceListItem(item),
				JSON.stringify(validators.serviceListItem.errors)
			).toBe(true);
		}
		expect(body).toMatchObject({
			page_number: page,
			size: body.contents.length,
			first_page: page === 1,
			total_pages: Math.ceil(published.length / perPage),
			total_items: published.length,
			empty: false
		});
		seen.push(...body.contents);
		if (body.last_page) {
			expect(page).toBe(body.total_pages);
			break;
		}
		expect(body.size).toBe(perPage);
	}
	expect(seen.map((s) => new URL(s.url).pathname).sort()).toEqual(
		published.map((o) => `/offers/${o.slug}`).sort()
	);
	expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);

	for (const { id } of seen) {
		const response = await request.get(`/api/oruk/services/${id}`);
		expect(response.status(), id).toBe(200);
		expect(response.headers()['access-control-allow-origin']).toBe('*');
		const service = await response.json();
		expect(validators.service(service), `${id}: ${JSON.stringify(validators.service.errors)}`).toBe(
			true
		);
		expect(service.id).toBe(id);
	}
});

test('the feed answers its other endpoints, filters, and refuses what it cannot answer', async ({
	request
}) => {
	const info = await request.get('/api/oruk/');
	expect(info.status()).toBe(200);
	expect(await info.json()).toMatchObject({ version: expect.any(String) });

	const terms = await (await request.get('/api/oruk/taxonomy_terms')).json();
	expect(validators.page(terms)).toBe(true);
	const money = terms.contents.find((t: { code: string }) => t.code === 'money');
	expect(money).toBeTruthy();
	const taxonomies = await (await request.get('/api/oruk/taxonomies')).json();
	expect(taxonomies.contents[0].id).toBe(money.taxonomy_id);

	const byTerm = await (
		await request.get(`/api/oruk/services?taxonomy_term_id=${money.id}&per_page=200`)
	).json();
	const moneyOffers = (await (await request.get('/api/offers')).json()).filter(
		(o: { category: string }) => o.category === 'money'
	);
	expect(byTerm.total_items).toBe(moneyOffers.length);

	const older = await (await request.get('/api/oruk/services?minimum_age=24&per_page=200')).json();
	expect(older.contents.every((s: { maximum_age: number }) => s.maximum_age >= 24)).toBe(true);
	const search = await (await request.get('/api/oruk/services?search=council%20tax')).json();
	expect(search.contents[0].name).toMatch(/council tax/i);

	const beyond = await (await request.get('/api/oruk/services?page=999')).json();
	expect(beyond).toMatchObject({ empty: true, size: 0, contents: [] });

	const bad = await request.get('/api/oruk/services?per_page=0');
	expect(bad.status()).toBe(400);
	expect(bad.headers()['access-control-allow-origin']).toBe('*');
	const unknown = await request.get('/api/oruk/services/00000000-0000-4000-8000-000000000000');
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toMatchObject({ status: 404 });
	expect((await request.get('/api/oruk/services/not-a-uuid')).status()).toBe(404);
});
