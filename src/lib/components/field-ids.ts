/** Whether a control (or a fieldset) is invalid, and the ids of its hint and error message. */
export function fieldDescription(id: string, hint: unknown, error: string | undefined) {
	return {
		invalid: error ? ('true' as const) : undefined,
		describedBy:
			[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
			undefined
	};
}
