import { m } from '$lib/paraglide/messages';
import type { OpportunityKind } from '$lib/schemas/opportunity';

/** Each kind of opportunity in the page's language. */
export const OPPORTUNITY_KIND_NAMES: Record<OpportunityKind, () => string> = {
	job: m.opportunities_kind_job,
	apprenticeship: m.opportunities_kind_apprenticeship,
	'work-experience': m.opportunities_kind_work_experience,
	training: m.opportunities_kind_training,
	volunteering: m.opportunities_kind_volunteering
};
