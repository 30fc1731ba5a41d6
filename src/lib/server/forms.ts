import { z } from 'zod';

/** Form fields as strings (the first value of each), ready for a zod schema. Files are ignored. */
export async function readForm(request: Request): Promise<Record<string, string>> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
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
