import { z } from 'zod';

/** The form as sent, or null when the body is not a form that can be read (a broken upload). */
export async function readFormData(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/** Form fields as strings (the first value of each), ready for a zod schema. Files are ignored. */
export async function readForm(request: Request): Promise<Record<string, string>> {
	const data = await readFormData(request);
	if (!data) {
		return {};
	}
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (typeof value === 'string' && !(key in values)) {
			values[key] = value;
		}
	}
	return values;
}

/** The first message for each field, for showing beside it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const [field, messages] of Object.entries(z.flattenError(error).fieldErrors)) {
		const first = (messages as string[] | undefined)?.[0];
		if (first) {
			errors[field] = first;
		}
	}
	return errors;
}

/** A field name that holds a password, in any case: `password`, `newPassword`, `currentPassword`. */
type PasswordField = `${string}${'password' | 'Password'}${string}`;

/**
 * What the person typed in each named field, cut to that field's limit, to show back in a form
 * that was refused, so that nobody loses their words (a missing field comes back empty).
 * Passwords are never sent back: naming one is a type error, and it would come back empty.
 *
 * 	return fail(400, { values: echo(form, { name: 80, role: 10 }), errors: fieldErrors(parsed.error) });
 */
export function echo<const Limits extends Record<string, number>>(
	form: Record<string, string>,
	limits: Limits & { [Name in keyof Limits & PasswordField]: never }
): { [Name in keyof Limits]: string } {
	return Object.fromEntries(
		Object.entries(limits).map(([name, limit]) => [
			name,
			/password/i.test(name) ? '' : (form[name] ?? '').slice(0, limit)
		])
	) as { [Name in keyof Limits]: string };
}
