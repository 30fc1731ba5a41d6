import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The short link on posters and texts (`/o/12`): opens the opportunity, in the reader's language
 * once the page answers (its English address redirects to the language they chose).
 */
export const GET: RequestHandler = ({ params }) => {
	if (!/^\d{1,9}$/.test(params.id)) {
		error(404, 'Not found');
	}
	redirect(308, `/opportunities/${params.id}`);
};
