import { z } from 'zod';
import { CARE_HISTORIES } from '$lib/eligibility';

const yes = z
	.string()
	.optional()
	.transform((value) => value === 'yes');

const AGE_MESSAGE = 'Enter your age as a whole number, like 19';

/** The eligibility checker's answers, as they arrive in the page's query string. */
export const checkAnswersSchema = z
	.object({
		age: z
			.string()
			.trim()
			.max(20, AGE_MESSAGE)
			.optional()
			.refine((value) => !value || /^\d{1,3}$/.test(value), AGE_MESSAGE)
			.transform((value) => (value ? Number(value) : undefined)),
		dob: z.string().trim().max(20).optional(),
		history: z.enum(CARE_HISTORIES, { error: 'Choose the answer that sounds most like you' }),
		livesInArea: yes,
		inEducation: yes,
		isParent: yes
	})
	.refine((answers) => answers.age !== undefined || (answers.dob && answers.dob !== ''), {
		message: 'Enter your age or your date of birth',
		path: ['age']
	});

export type CheckAnswers = z.infer<typeof checkAnswersSchema>;
