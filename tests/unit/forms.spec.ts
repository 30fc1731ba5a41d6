import { describe, expect, it } from 'vitest';
import { echo } from '$lib/server/forms';

describe('echo', () => {
	it('gives back what was typed in each named field, cut to that field’s limit', () => {
		const form = { name: 'Sam Adviser', role: 'adviser-with-a-very-long-tail', other: 'ignored' };
		expect(echo(form, { name: 80, role: 10 })).toEqual({ name: 'Sam Adviser', role: 'adviser-wi' });
	});

	it('keeps spaces the person typed: it cuts, it does not tidy', () => {
		expect(echo({ message: '  Hello  \n' }, { message: 6000 })).toEqual({ message: '  Hello  \n' });
	});

	it('gives an empty string for a field that was not sent', () => {
		expect(echo({}, { contactWhen: 200 })).toEqual({ contactWhen: '' });
	});

	it('never gives back a password, whatever its field is called', () => {
		const form = { password: 'hunter2-hunter2', newPassword: 'n', currentPassword: 'c' };
		// @ts-expect-error -- asking for a password is a type error...
		const values: Record<string, string> = echo(form, { password: 64, newPassword: 64 });
		// ...and, should a cast hide it, the field still comes back empty.
		expect(values).toEqual({ password: '', newPassword: '' });
	});
});
