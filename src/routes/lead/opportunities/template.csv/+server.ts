import { stringify } from 'csv-stringify/sync';
import { requireRole } from '$lib/server/auth/guards';
import { CSV_COLUMNS } from '$lib/server/opportunity-import';
import type { RequestHandler } from './$types';

/** The import's header row and one example row to copy. */
const EXAMPLE: Record<(typeof CSV_COLUMNS)[number], string> = {
	kind: 'apprenticeship',
	title: 'Business administration apprenticeship',
	organisation: 'The council’s business support team',
	summary: 'Learn office skills and get paid while you study for a qualification.',
	body: 'You will work in a friendly team and study one day a week.',
	place: 'Municipal Buildings',
	pay: 'Apprentice wage',
	startsOn: '2027-09-01',
	closesOn: '2027-06-30',
	ringFenced: 'yes',
	minAge: '16',
	maxAge: '25',
	statuses: 'relevant;former-relevant',
	livesInArea: 'no',
	inEducation: 'no',
	steps: 'Tell your PA you are interested|Fill in the short form with your PA',
	applyUrl: '',
	contactName: 'Leaving care team',
	contactPhone: '01642 527764',
	contactEmail: ''
};

export const GET: RequestHandler = (event) => {
	requireRole(event, 'adviser', 'lead');
	const csv = stringify([[...CSV_COLUMNS], CSV_COLUMNS.map((column) => EXAMPLE[column])], {
		record_delimiter: '\r\n'
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="opportunities-template.csv"'
		}
	});
};
