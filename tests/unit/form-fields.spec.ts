import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ChoiceGroup from '$lib/components/ChoiceGroup.svelte';
import Field, { type FieldControl } from '$lib/components/Field.svelte';
import PasswordField from '$lib/components/PasswordField.svelte';
import SelectField from '$lib/components/SelectField.svelte';
import TextArea from '$lib/components/TextArea.svelte';
import TextField from '$lib/components/TextField.svelte';

/** A text input that takes what the field hands it, as a page's snippet does. */
const input = createRawSnippet((control: () => FieldControl) => ({
	render: () => {
		const { id, name, invalid, describedBy } = control();
		const aria = [
			invalid ? ` aria-invalid="${invalid}"` : '',
			describedBy ? ` aria-describedby="${describedBy}"` : ''
		].join('');
		return `<input id="${id}" name="${name}"${aria}>`;
	}
}));

function renderField(props: Record<string, string | undefined>) {
	const { body } = render(Field, {
		props: { id: 'username', label: 'Username', children: input, ...props }
	});
	return body.replace(/<!--[^>]*-->/g, '');
}

describe('Field', () => {
	it('labels the control and leaves it unmarked when there is no hint or error', () => {
		const html = renderField({});
		expect(html).toContain('<label for="username">Username</label>');
		expect(html).toContain('<input id="username" name="username">');
	});

	it('reads the hint and then the error out with the control, and marks it invalid', () => {
		const html = renderField({ hint: 'Letters and numbers.', error: 'Enter your username' });
		expect(html).toContain('<p class="hint" id="username-hint">Letters and numbers.</p>');
		expect(html).toContain('<p class="field-error" id="username-error">Enter your username</p>');
		expect(html).toContain('aria-invalid="true" aria-describedby="username-hint username-error"');
	});

	it('puts a short note inside the label, so it is part of the name', () => {
		expect(renderField({ labelHint: 'Optional' })).toContain(
			'<label for="username">Username <span class="hint">Optional</span></label>'
		);
	});

	it('gives the control a name of its own when asked', () => {
		expect(renderField({ id: 'handOverNote', name: 'note' })).toContain(
			'<input id="handOverNote" name="note">'
		);
	});
});

describe('ChoiceGroup', () => {
	function renderGroup(props: Record<string, unknown>) {
		const { body } = render(ChoiceGroup, {
			props: {
				id: 'contactBy',
				legend: 'How would you like your PA to get back to you?',
				options: [
					{ value: 'app', label: 'A message in this app' },
					{ value: 'phone', label: 'A phone call' }
				],
				...props
			}
		});
		return body.replace(/<!--[^>]*-->/g, '');
	}

	it('gives the first choice the group id, so an error summary link lands on it', () => {
		const html = renderGroup({});
		expect(html).toMatch(/<input type="radio" id="contactBy" name="contactBy" value="app"/);
		expect(html).toMatch(/<input type="radio" id="contactBy-phone" name="contactBy" value="phone"/);
		expect(html).toContain('<label for="contactBy-phone">A phone call</label>');
	});

	it('ties the error to the fieldset and ticks what was chosen', () => {
		const html = renderGroup({ value: 'phone', error: 'Choose one' });
		expect(html).toContain('<fieldset aria-describedby="contactBy-error">');
		expect(html).toContain('<p class="field-error" id="contactBy-error">Choose one</p>');
		expect(html).toMatch(/value="phone" checked/);
		expect(html).not.toMatch(/value="app" checked/);
	});

	it('keeps a choice’s own hint apart from the group’s hint', () => {
		const html = renderGroup({
			hint: 'Pick one.',
			options: [{ value: 'app', label: 'A message in this app', hint: 'You get a notification.' }]
		});
		expect(html).toContain('<p class="hint" id="contactBy-hint">Pick one.</p>');
		expect(html).toContain('aria-describedby="contactBy-choice-hint"');
		expect(html).toContain(
			'<span class="hint" id="contactBy-choice-hint">You get a notification.</span>'
		);
	});

	it('ticks every chosen checkbox', () => {
		const html = renderGroup({ type: 'checkbox', value: ['app', 'phone'] });
		expect(html.match(/checked/g)).toHaveLength(2);
	});
});

describe('PasswordField', () => {
	const renderPassword = (autocomplete: 'current-password' | 'new-password') =>
		render(PasswordField, { props: { id: 'password', label: 'Password', autocomplete } }).body;

	it('asks the browser for the same length rules as the server, for a new password only', () => {
		expect(renderPassword('new-password')).toContain('minlength="10"');
		expect(renderPassword('new-password')).toContain('maxlength="128"');
		expect(renderPassword('current-password')).not.toMatch(/minlength|maxlength/);
	});

	it('never fills a password in', () => {
		expect(renderPassword('new-password')).not.toContain('value=');
	});
});

describe('TextField, TextArea and SelectField', () => {
	const html = (body: string) => body.replace(/<!--[^>]*-->/g, '');

	it('wire their control to the hint and error like Field does', () => {
		const props = { id: 'name', label: 'Full name', hint: 'As on their ID.', error: 'Enter it' };
		const wired =
			/id="name" name="name" aria-invalid="true" aria-describedby="name-hint name-error"/;
		expect(html(render(TextField, { props }).body)).toMatch(wired);
		expect(html(render(TextArea, { props: { ...props, rows: 2 } }).body)).toMatch(wired);
		expect(html(render(SelectField, { props: { ...props, options: [] } }).body)).toMatch(wired);
	});

	it('show back what was typed', () => {
		const props = { id: 'message', label: 'Your message' };
		expect(html(render(TextField, { props: { ...props, value: 'Hi there' } }).body)).toContain(
			'value="Hi there"'
		);
		expect(
			html(render(TextArea, { props: { ...props, rows: 4, value: 'Hi there' } }).body)
		).toContain('>Hi there</textarea>');
	});

	it('select the chosen option, or the empty first choice when nothing is chosen', () => {
		const props = {
			id: 'topic',
			label: 'What is it about?',
			placeholder: 'Choose one',
			options: [
				{ value: 'money', label: 'Money' },
				{ value: 'health', label: 'Health' }
			]
		};
		expect(html(render(SelectField, { props: { ...props, value: 'health' } }).body)).toMatch(
			/<option value="health" selected[^>]*>Health<\/option>/
		);
		expect(html(render(SelectField, { props }).body)).toMatch(
			/<option value="" selected[^>]*>Choose one<\/option>/
		);
	});
});
