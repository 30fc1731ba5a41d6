/**
 * Sends what the queue holds. A worker in the app (no cron) sends due emails every half minute,
 * and at once when something is queued; an email that fails waits longer each time (1 minute,
 * 2, 4, … up to an hour) and is kept, with the mail server's answer, for leads to see on
 * /lead/email. Neither the SMTP URL nor a password is ever stored or logged.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { emailSettings } from '../config';
import type { Database } from '../db/connection';
import { mailOutbox } from '../db/schema';
import { runMailSweeps } from './sweep';

const MINUTE = 60_000;
const MAX_RETRY_DELAY = 60 * MINUTE;
/** While one round sends a row, no other round picks it up. */
const SENDING_LEASE = 10 * MINUTE;
const ERROR_MAX_LENGTH = 200;
const BATCH = 20;

export type OutgoingMail = { from: string; to: string; subject: string; text: string };
export type SendMail = (mail: OutgoingMail) => Promise<unknown>;

/** How long to wait after the `attempts`th failure: doubling from a minute, at most an hour. */
export function retryDelay(attempts: number) {
	return Math.min(MAX_RETRY_DELAY, MINUTE * 2 ** Math.max(0, attempts - 1));
}

/**
 * The mail server's answer, short, for leads to read: never the SMTP URL, the user name or the
 * password in it, even when an error message quotes them.
 */
export function describeMailError(error: unknown, smtpUrl: string | undefined) {
	let text = error instanceof Error ? error.message : String(error);
	const secrets: string[] = [];
	if (smtpUrl) {
		secrets.push(smtpUrl);
		try {
			const url = new URL(smtpUrl);
			for (const part of [url.password, url.username]) {
				if (part) {
					secrets.push(part, decodeURIComponent(part));
				}
			}
		} catch {
			// Not a URL nodemailer could use either; the whole string is still hidden.
		}
	}
	for (const secret of secrets.filter((value) => value.length >= 3)) {
		text = text.split(secret).join('…');
	}
	text = text
		.replace(/smtps?:\/\/\S+/gi, 'the mail server')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > ERROR_MAX_LENGTH ? `${text.slice(0, ERROR_MAX_LENGTH - 1)}…` : text;
}

/** Sends every email that is due, one at a time; returns how many went and how many failed. */
export async function deliverDueMail(
	db: Database,
	send: SendMail,
	{ from, smtpUrl, now = () => Date.now() }: { from: string; smtpUrl?: string; now?: () => number }
) {
	const due = db
		.select()
		.from(mailOutbox)
		.where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, new Date(now()))))
		.orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
		.limit(BATCH)
		.all();
	let sent = 0;
	let failed = 0;
	for (const row of due) {
		db.update(mailOutbox)
			.set({ nextAttemptAt: new Date(now() + SENDING_LEASE) })
			.where(eq(mailOutbox.id, row.id))
			.run();
		try {
			await send({ from, to: row.toAddress, subject: row.subject, text: row.body });
			db.update(mailOutbox)
				.set({ sentAt: new Date(now()), lastError: null })
				.where(eq(mailOutbox.id, row.id))
				.run();
			sent += 1;
		} catch (error) {
			const attempts = row.attempts + 1;
			db.update(mailOutbox)
				.set({
					attempts,
					nextAttemptAt: new Date(now() + retryDelay(attempts)),
					lastError: describeMailError(error, smtpUrl)
				})
				.where(eq(mailOutbox.id, row.id))
				.run();
			failed += 1;
		}
	}
	return { sent, failed };
}

let transport: ReturnType<typeof nodemailer.createTransport> | undefined;

function sendWithSmtp(smtpUrl: string): SendMail {
	transport ??= nodemailer.createTransport({
		url: smtpUrl,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
	const mailer = transport;
	return (mail) => mailer.sendMail(mail);
}

type Worker = { wake: () => void; stop: () => void };
let worker: Worker | null = null;

/**
 * Starts the worker once per process, only when SMTP_URL is set: sweeps for "due soon" and the
 * weekly summary, then sends what is due. Rounds never overlap; the timer never keeps the
 * process alive.
 */
export function startMailWorker(db: Database, { intervalMs = 30_000 } = {}): Worker | null {
	const { smtpUrl, from } = emailSettings();
	if (!smtpUrl) {
		return null;
	}
	if (worker) {
		return worker;
	}
	const send = sendWithSmtp(smtpUrl);
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running = false;
	let again = false;
	let stopped = false;
	const schedule = (delay: number) => {
		clearTimeout(timer);
		timer = setTimeout(() => void round(), delay);
		timer.unref();
	};
	const round = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			runMailSweeps(db, Date.now());
			await deliverDueMail(db, send, { from, smtpUrl });
		} catch (error) {
			console.error('Sending email failed; it will try again.', describeMailError(error, smtpUrl));
		}
		running = false;
		if (!stopped) {
			schedule(again ? 0 : intervalMs);
			again = false;
		}
	};
	worker = {
		wake: () => {
			if (!stopped) {
				schedule(0);
			}
		},
		stop: () => {
			stopped = true;
			clearTimeout(timer);
			worker = null;
		}
	};
	schedule(0);
	return worker;
}

/** Something was queued or a lead asked to try again: send now rather than at the next round. */
export function wakeMailWorker() {
	worker?.wake();
}
