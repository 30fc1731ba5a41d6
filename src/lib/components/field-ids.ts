/** The attributes that tie a control (or a fieldset) to its hint and its error message. */
export function fieldDescription(id: string, hint: unknown, error: string | undefined) {
	return {
		'aria-invalid': error ? ('true' as const) : undefined,
		'aria-describedby':
			[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
			undefined
	};
}
