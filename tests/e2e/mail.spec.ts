import { expect, test, type Browser } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { MAIL_DB, MAIL_PORT, MAIL_SINK_PORT } from './mail-ports';
import { expectNoAxeViolations } from './a11y';
import { queryDatabase, signIn, uniqueAddress } from './helpers';

// A real mail server on this machine (smtp-server) receives what the app sends over SMTP, as a
// council's Microsoft 365 or relay would. The app server for these tests has SMTP_URL pointing
// at it (playwright.config.ts); the tests share its database and the sink, so they run in turn.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const ORIGIN = `http://localhost:${MAIL_PORT}`;
test.use({ baseURL: ORIGIN });

type Received = { to: string[]; subject: string; body: string };
const received: Received[] = [];

/** Quoted-printable soft line breaks and escapes undone, so the text reads as it was written. */
function decodeQuotedPrintable(text: string) {
	return text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function startSink() {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => (raw += chunk));
			stream.on('end', () => {
				const [head, ...rest] = raw.split(/\r?\n\r?\n/);
				received.push({
					to: session.envelope.rcptTo.map((recipient) => recipient.address),
					subject: /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '',
					body: decodeQuotedPrintable(rest.join('\n\n'))
				});
				callback();
			});
		}
	});
	return new Promise<SMTPServer>((resolve, reject) => {
		server.once('error', reject);
		server.listen(MAIL_SINK_PORT, '127.0.0.1', () => resolve(server));
	});
}

function stopSink(server: SMTPServer) {
	return new Promise<void>((resolve) => server.close(() => resolve()));
}

let sink: SMTPServer | null = null;
test.beforeAll(async () => {
	sink = await startSink();
});
test.afterAll(async () => {
	if (sink) {
		await stopSink(sink);
	}
});

async function newPage(browser: Browser) {
	const context = await browser.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

/** demo-leaver (Jordan, whose PA is demo-adviser) asks for help; returns the request's number. */
async function sendRequest(browser: Browser, message: string, { urgent }: { urgent: boolean }) {
	const leaver = await newPage(browser);
	await signIn(leaver, 'demo-leaver');
	await leaver.goto('/requests/new');
	await leaver.getByLabel('What is it about?').selectOption('money');
	await leaver.getByLabel('Your message').fill(message);
	if (urgent) {
		await leaver.getByLabel('This is urgent').check();
	}
	await leaver.getByRole('button', { name: 'Send to my PA' }).click();
	await expect(leaver).toHaveURL(/\/requests\/\d+/);
	const id = /\/requests\/(\d+)/.exec(leaver.url())?.[1];
	await leaver.context().close();
	return Number(id);
}

test('an urgent request reaches its PA by email within seconds, with no name, topic or words in it', async ({
	browser
}) => {
	const message = `Mailtest ${Date.now()} my landlord changed the locks`;
	const id = await sendRequest(browser, message, { urgent: true });
	await expect
		.poll(() => received.filter((mail) => mail.to.includes('demo-adviser@example.org')), {
			timeout: 10_000
		})
		.toContainEqual(expect.objectContaining({ subject: expect.stringMatching(/^Urgent/) }));
	const mail = received.find(
		(each) => each.to.includes('demo-adviser@example.org') && each.subject.startsWith('Urgent')
	);
	expect(mail?.body).toContain(`You have a new urgent request in Stockton Local Offer.`);
	expect(mail?.body).toContain(`${ORIGIN}/staff/requests/${id}`);
	const text = `${mail?.subject}\n${mail?.body}`.toLowerCase();
	for (const secret of ['Jordan', 'money', message, 'landlord', 'locks']) {
		expect(text).not.toContain(secret.toLowerCase());
	}
});

test('a PA who turns email off for new requests gets no email about one', async ({ browser }) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/account/notices');
	await expectNoAxeViolations(pa);
	const newRequests = pa.getByRole('group', { name: 'A new request from a young person' });
	await newRequests.getByLabel('By email').uncheck();
	await pa.getByRole('button', { name: 'Save my choices' }).click();
	await expect(pa.getByRole('status')).toContainText('Saved');
	await pa.reload();
	await expect(newRequests.getByLabel('By email')).not.toBeChecked();
	await expect(newRequests.getByLabel('By push notice')).toBeChecked();

	const id = await sendRequest(browser, `Mailtest ${Date.now()} not urgent`, { urgent: false });
	// The email would have been queued with the request, in the same transaction.
	const queued = queryDatabase<{ to_address: string }>(
		MAIL_DB,
		'SELECT to_address FROM mail_outbox WHERE dedupe_key = ?',
		`new-request:${id}`
	);
	expect(queued).toEqual([]);
	expect(
		received.filter(
			(mail) =>
				mail.to.includes('demo-adviser@example.org') && mail.body.includes(`/requests/${id}`)
		)
	).toEqual([]);
});

test('leads see when mail is failing, and it clears once the mail server is back', async ({
	browser
}) => {
	if (sink) {
		await stopSink(sink);
		sink = null;
	}
	const id = await sendRequest(browser, `Mailtest ${Date.now()} while mail is down`, {
		urgent: true
	});
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	await lead.goto('/lead/email');
	await expect(async () => {
		await lead.reload();
		await expect(lead.getByRole('alert')).toContainText('Email is not getting through', {
			timeout: 1000
		});
	}).toPass({ timeout: 15_000 });
	await expect(lead.getByRole('alert')).toContainText('ECONNREFUSED');
	await expect(lead.getByRole('alert')).not.toContainText('smtp://');
	await expectNoAxeViolations(lead);

	sink = await startSink();
	await lead.getByRole('button', { name: 'Try again now' }).click();
	await expect(lead.getByRole('status')).toContainText('Trying again now');
	await expect(async () => {
		await lead.reload();
		await expect(lead.getByText('Email is set up and working. No emails are waiting.')).toBeVisible(
			{ timeout: 1000 }
		);
	}).toPass({ timeout: 15_000 });
	expect(
		received.filter(
			(mail) =>
				mail.to.includes('demo-adviser@example.org') && mail.body.includes(`/requests/${id}`)
		)
	).toHaveLength(1);
});

test('while a PA is away, the young person is told who will answer, and the colleague covering gets the email', async ({
	browser
}) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/account');
	await pa.getByRole('link', { name: 'Set time away and who answers your requests' }).click();
	await expectNoAxeViolations(pa);
	// A day in the past is refused beside the field, and what was chosen is kept.
	await pa.getByLabel('Your last day away').fill('2020-01-01');
	await pa.getByLabel('Who answers your new requests').selectOption({ label: 'Sam Adviser' });
	await pa.getByRole('button', { name: 'Save' }).click();
	await expect(pa.locator('#until-error')).toContainText('Choose today or a day after today');
	await expect(pa.getByLabel('Who answers your new requests')).toHaveValue(/\d+/);
	await expectNoAxeViolations(pa);
	const lastDay = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
	await pa.getByLabel('Your last day away').fill(lastDay);
	await pa.getByRole('button', { name: 'Save' }).click();
	await expect(pa.getByRole('status')).toContainText('Saved');

	try {
		const leaver = await newPage(browser);
		await signIn(leaver, 'demo-leaver');
		await leaver.goto('/requests/new');
		await expect(leaver.getByText(/Your PA, Alex Adviser, is away until/)).toBeVisible();
		await expect(leaver.getByText(/goes to Sam Adviser, who is helping/)).toBeVisible();
		await leaver.context().close();

		const id = await sendRequest(browser, `Mailtest ${Date.now()} while my PA is away`, {
			urgent: true
		});
		await expect
			.poll(() => received.filter((mail) => mail.body.includes(`/staff/requests/${id}`)), {
				timeout: 10_000
			})
			.toContainEqual(expect.objectContaining({ to: ['demo-adviser-2@example.org'] }));
		expect(
			received.filter(
				(mail) =>
					mail.to.includes('demo-adviser@example.org') && mail.body.includes(`/requests/${id}`)
			)
		).toEqual([]);

		const reader = await newPage(browser);
		await signIn(reader, 'demo-leaver');
		await reader.goto(`/requests/${id}`);
		await expect(reader.getByText('Sam Adviser will answer this request.')).toBeVisible();
		await reader.context().close();
	} finally {
		await pa.goto('/account/away');
		await pa.getByRole('button', { name: "I'm back: send my requests to me" }).click();
		await expect(pa.getByRole('status')).toContainText('Welcome back');
		await pa.context().close();
	}
});
