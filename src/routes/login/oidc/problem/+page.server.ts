import type { PageServerLoad } from './$types';

const PROBLEMS = ['not-invited', 'failed', 'unavailable'] as const;

/** Which friendly page to show after the identity provider did not let someone in. */
export const load: PageServerLoad = ({ url }) => {
	const why = url.searchParams.get('why');
	return { why: PROBLEMS.find((problem) => problem === why) ?? 'failed' };
};
