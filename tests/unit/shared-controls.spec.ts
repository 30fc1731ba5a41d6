import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import MoveButtons from '$lib/components/MoveButtons.svelte';
import ScrollTable from '$lib/components/ScrollTable.svelte';
import OneTimeCodeField from '$lib/components/OneTimeCodeField.svelte';
import UsernameField from '$lib/components/UsernameField.svelte';

const html = (body: string) => body.replace(/<!--[^>]*-->/g, '');

describe('MoveButtons', () => {
	const renderButtons = (first: boolean, last: boolean) =>
		html(render(MoveButtons, { props: { name: 'Money', first, last } }).body);

	it('names each button for the item it moves and sends which way', () => {
		const buttons = renderButtons(false, false);
		expect(buttons).toMatch(
			/name="direction" value="up"[^>]*>Up<span class="visually-hidden">: move Money up<\/span>/
		);
		expect(buttons).toMatch(
			/name="direction" value="down"[^>]*>Down<span class="visually-hidden">: move Money down<\/span>/
		);
		expect(buttons).not.toContain('disabled');
	});

	it('cannot move the first item up or the last one down', () => {
		expect(renderButtons(true, false)).toMatch(/value="up" disabled/);
		expect(renderButtons(true, false)).not.toMatch(/value="down" disabled/);
		expect(renderButtons(false, true)).toMatch(/value="down" disabled/);
		expect(renderButtons(false, true)).not.toMatch(/value="up" disabled/);
	});
});

describe('OneTimeCodeField', () => {
	it('asks for the code with the number keys and lets the phone offer it', () => {
		const field = html(render(OneTimeCodeField, { props: {} }).body);
		expect(field).toContain('<label for="code">6-digit code</label>');
		expect(field).toMatch(/<input id="code" name="code"/);
		expect(field).toContain('inputmode="numeric"');
		expect(field).toContain('autocomplete="one-time-code"');
		expect(field).toContain('maxlength="7"');
		expect(field).toContain('required');
	});

	it('ties a wrong code’s message to the field and never fills a code in', () => {
		const field = html(render(OneTimeCodeField, { props: { error: 'Try the new code' } }).body);
		expect(field).toContain('aria-invalid="true" aria-describedby="code-error"');
		expect(field).not.toContain('value=');
	});
});

describe('UsernameField', () => {
	const renderUsername = (props: { isNew?: boolean; value: string }) =>
		html(render(UsernameField, { props }).body);

	it('never capitalises or spell-checks a username, and a password manager can fill it', () => {
		const field = renderUsername({ value: 'casey-j' });
		expect(field).toContain('autocomplete="username"');
		expect(field).toContain('autocapitalize="none"');
		expect(field).toContain('spellcheck="false"');
		expect(field).toContain('value="casey-j"');
	});

	it('says the rules and keeps to 32 characters only when choosing a new username', () => {
		const choosing = renderUsername({ isNew: true, value: '' });
		expect(choosing).toContain('maxlength="32"');
		expect(choosing).toContain('id="username-hint">Letters and numbers.');
		const signingIn = renderUsername({ value: '' });
		expect(signingIn).toContain('maxlength="64"');
		expect(signingIn).not.toContain('username-hint');
	});
});

describe('ScrollTable', () => {
	const empty = createRawSnippet(() => ({ render: () => '<tbody></tbody>' }));

	it('heads each column for screen readers, right-aligning columns of figures', () => {
		const table = html(
			render(ScrollTable, {
				props: {
					caption: 'By topic',
					columns: ['Topic', { label: 'Requests', class: 'number' }],
					children: empty
				}
			}).body
		);
		expect(table).toMatch(
			/<thead><tr><th scope="col">Topic<\/th><th scope="col" class="number[^"]*">Requests<\/th><\/tr><\/thead>/
		);
		expect(table).toMatch(/role="region" aria-label="By topic" tabindex="0"/);
	});

	it('leaves the heading row to the page when it has no columns', () => {
		const table = html(render(ScrollTable, { props: { caption: 'Offers', children: empty } }).body);
		expect(table).not.toContain('<thead>');
	});
});
