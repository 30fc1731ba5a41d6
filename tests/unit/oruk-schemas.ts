import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The Open Referral UK schemas live beside the repository (`../shared/oruk/`), as CI clones them.
 * They declare no `$schema`, so they are read as JSON Schema draft-07 (ajv's default); their
 * extra keywords (`name`, `constraints`, `core`, …) are documentation, so strict mode is off.
 */
export const ORUK_SCHEMA_DIR = resolve(process.cwd(), '..', 'shared', 'oruk', 'schema');

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
