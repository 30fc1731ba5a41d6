// Keeping the offer current, by what each part is about. Importers use `$lib/server/offer-editing`.
export * from './columns';
export * from './reviews';
export * from './lead-list';
export * from './saving';
export * from './history';
export * from './redirects-and-news';
export * from '$lib/schemas/offer-editing';
