import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Open Referral UK schemas are copied into the repository (`tests/fixtures/oruk/`, with their
 * licence and source commit), so a clone with nothing beside it tests the feed the same way.
 * They declare no `$schema`, so they are read as JSON Schema draft-07 (ajv's default); their
 * extra keywords (`name`, `constraints`, `core`, …) are documentation, so strict mode is off.
 */
export const ORUK_SCHEMA_DIR = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'fixtures',
	'oruk'
);

function readSchema(path: string) {
	return JSON.parse(readFileSync(resolve(ORUK_SCHEMA_DIR, path), 'utf8')) as Record<
		string,
		unknown
	>;
}

export function orukValidators() {
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	const openapi = readSchema('openapi.json') as {
		components: { schemas: { Page: Record<string, unknown> } };
	};
	const page = {
		...openapi.components.schemas.Page,
		required: [
			'total_items',
			'total_pages',
			'page_number',
			'size',
			'first_page',
			'last_page',
			'empty',
			'contents'
		]
	};
	return {
		service: ajv.compile(readSchema('compiled/service.json')),
		serviceListItem: ajv.compile(readSchema('compiled/service_list.json')),
		page: ajv.compile(page)
	};
}
