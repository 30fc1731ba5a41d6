import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import webpush from 'web-push';
import { localizePath } from '$lib/i18n/paths';
import { languageOf } from '$lib/language-names';
import { BASE_LANGUAGE, isLanguageCode, type LanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import { emailSettings } from './config';
import type { Database } from './db/connection';
import { pushSubscription, user } from './db/schema';
import { describeMailError } from './mail/delivery';
import { isAllowedPushEndpoint } from './push-hosts';
import { getVapidKeys } from './push-subscriptions';
import { getCouncilSettings } from './settings';

/**
 * Notifications never carry personal detail: a lost or shared phone's lock screen, or an
 * email account someone else reads, learns only that there is something to look at. Each is
 * said in the language of the person it goes to (staff notices are in English).
 */
export const NOTIFICATION_TEXT = {
	replyToLeaver: (locale: LanguageCode) => m.leaver_notice_reply({}, { locale }),
	newRequestForAdviser: (locale: LanguageCode) => m.staff_notice_new_request({}, { locale }),
	leaverReplied: (locale: LanguageCode) => m.staff_notice_leaver_replied({}, { locale })
} as const;

export type NoticeText = (locale: LanguageCode) => string;

/** Sends a contentless push to every device of a user; gone subscriptions are removed. */
export async function sendPush(
	db: Database,
	userId: number,
	payload: { title: string; body: string; url: string },
	origin: string,
	contactEmail: string
) {
	const subscriptions = db
		.select()
		.from(pushSubscription)
		.where(eq(pushSubscription.userId, userId))
		.all();
	if (subscriptions.length === 0) {
		return;
	}
	const keys = getVapidKeys(db);
	await Promise.all(
		subscriptions.map(async (row) => {
			if (!isAllowedPushEndpoint(row.endpoint)) {
				// Stored before the list of push services was enforced: never send there.
				db.delete(pushSubscription).where(eq(pushSubscription.id, row.id)).run();
				return;
			}
			// web-push encrypts (RFC 8291, aes128gcm) and signs (VAPID); fetch sends it (web-push's
			// own sendNotification is not used, so its https.request is never in the path).
			const request = webpush.generateRequestDetails(
				{ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
				JSON.stringify(payload),
				{
					vapidDetails: {
						// Push services want a way to reach the sender: https or mailto only.
						subject: origin.startsWith('https://') ? origin : `mailto:${contactEmail}`,
						publicKey: keys.publicKey,
						privateKey: keys.privateKey
					},
					TTL: 24 * 60 * 60,
					contentEncoding: 'aes128gcm'
				}
			);
			let response: Response;
			try {
				response = await fetch(request.endpoint, {
					method: request.method,
					headers: request.headers as Record<string, string>,
					body: request.body ? new Uint8Array(request.body) : undefined,
					// A push service never redirects; following one would let an allowed address
					// lead the server anywhere (into the council's network). A 3xx is a failure.
					redirect: 'manual',
					signal: AbortSignal.timeout(10_000)
				});
			} catch (error) {
				console.error('Push failed', error);
				return;
			}
			// Nothing is read from the answer: let the connection go.
			void response.body?.cancel().catch(() => {});
			if (response.status === 404 || response.status === 410) {
				// The browser unsubscribed or the subscription expired: forget it.
				db.delete(pushSubscription).where(eq(pushSubscription.id, row.id)).run();
			} else if (!response.ok) {
				console.error('Push failed', response.status);
			}
		})
	);
}

let transport: ReturnType<typeof nodemailer.createTransport> | undefined;

/** Email only when SMTP_URL is set; without it nothing is sent and nothing fails. */
export async function sendEmail(to: string, subject: string, text: string) {
	const { smtpUrl, from } = emailSettings();
	if (!smtpUrl) {
		return false;
	}
	transport ??= nodemailer.createTransport(smtpUrl);
	try {
		await transport.sendMail({
			from,
			to,
			subject,
			text
		});
		return true;
	} catch (error) {
		// The message only, with the mail server's address and password taken out: never the error
		// object, which can carry the connection's settings.
		console.error('Email failed', describeMailError(error, smtpUrl));
		return false;
	}
}

export type Notice = { userId: number; text: NoticeText; url: string; email?: string | null };

/**
 * Push and email, after the request has been answered; a failure here never undoes a save.
 * In the language the person chose (on their account), with the page's address in it too.
 */
export function notify(db: Database, notice: Notice, origin: string) {
	const { appName, email: contactEmail } = getCouncilSettings(db);
	const recipient = db
		.select({ id: user.id, disabledAt: user.disabledAt, language: user.language })
		.from(user)
		.where(eq(user.id, notice.userId))
		.get();
	// A turned-off account gets no notices (its devices were also unsubscribed when it was).
	if (!recipient || recipient.disabledAt) {
		return;
	}
	const locale = isLanguageCode(recipient.language) ? recipient.language : BASE_LANGUAGE;
	const body = notice.text(locale);
	const url = localizePath(notice.url, { locale });
	void sendPush(db, notice.userId, { title: appName, body, url }, origin, contactEmail).catch(
		(error) => console.error('Push failed', error)
	);
	if (notice.email) {
		// A link reads left to right inside right-to-left words (Unicode isolates around it).
		const link =
			languageOf(locale).dir === 'rtl' ? `\u2066${origin}${url}\u2069` : `${origin}${url}`;
		void sendEmail(
			notice.email,
			appName,
			`${body}\n\n${m.leaver_notice_open_to_read({ link }, { locale })}`
		);
	}
}
