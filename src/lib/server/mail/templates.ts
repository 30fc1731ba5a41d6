/**
 * The words of every email. Work mailboxes are forwarded, shared and read on phones, so an email
 * says only that there is something to look at, and where: never a young person's name, the topic,
 * the offer or anything anyone wrote. The only facts in it are the app's name, a link to sign in
 * (a request's number, which means nothing outside the app) and, for leads, a count.
 */
import type { MailKind } from '../db/schema';

export type MailContext = {
	appName: string;
	origin: string;
	/** The path to open after signing in, such as `/staff/requests/12`. */
	path: string;
	/** How many requests are late (the weekly summary). */
	count?: number;
};

const SUBJECTS: Record<MailKind, (context: MailContext) => string> = {
	'new-request': ({ appName }) => `New request in ${appName}`,
	'urgent-request': ({ appName }) => `Urgent: new request in ${appName}`,
	reply: ({ appName }) => `New reply in ${appName}`,
	'overdue-soon': ({ appName }) => `A request needs an answer soon in ${appName}`,
	'weekly-overdue': ({ appName, count = 0 }) =>
		`${count} late ${count === 1 ? 'request' : 'requests'} in ${appName}`,
	'pledge-match': ({ appName }) => `A young person has been matched with your pledge in ${appName}`
};

const FIRST_LINES: Record<MailKind, (context: MailContext, link: string) => string> = {
	'new-request': ({ appName }, link) =>
		`You have a new request in ${appName}. Sign in to read it: ${link}`,
	'urgent-request': ({ appName }, link) =>
		`You have a new urgent request in ${appName}. Sign in to read it: ${link}`,
	reply: ({ appName }, link) =>
		`A young person has replied to a request in ${appName}. Sign in to read it: ${link}`,
	'overdue-soon': ({ appName }, link) =>
		`A request in ${appName} needs a first answer soon, or it will be late. Sign in to read it: ${link}`,
	'weekly-overdue': ({ appName, count = 0 }, link) =>
		`${count} ${count === 1 ? 'request is' : 'requests are'} waiting longer than they should for a first answer in ${appName}. Sign in to see them: ${link}`,
	'pledge-match': ({ appName }, link) =>
		`A personal adviser has matched a young person with your pledge in ${appName}. Sign in to see when and where: ${link}`
};

export function renderMail(kind: MailKind, context: MailContext) {
	const origin = context.origin.replace(/\/+$/, '');
	const link = `${origin}${context.path}`;
	return {
		subject: SUBJECTS[kind](context),
		body: [
			FIRST_LINES[kind](context, link),
			'',
			'This email has no names or details in it on purpose: work mailboxes can be shared.',
			// Supporters are told of every match: it is the only way they hear of one.
			...(kind === 'pledge-match' ? [] : [`Choose which emails you get: ${origin}/account/notices`])
		].join('\n')
	};
}
