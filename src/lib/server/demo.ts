import { and, eq, isNull } from 'drizzle-orm';
import { londonToday, parseDay, toDayString } from '$lib/london-time';
import { CATEGORY_SLUGS } from '$lib/schemas/offer';
import type { Database } from './db/connection';
import { user } from './db/schema';
import { hashPassword } from './auth/password';
import {
	changeRequestStatus,
	createSupportRequest,
	getRequestForStaff,
	recordHelpful,
	replyAsStaff
} from './requests';
import { getUserById, getUserByUsername, setAccountDisabled } from './users';

/** The demo accounts of CONTRACT.md; created only in demo mode (DEMO=1). */
export const DEMO_PASSWORD = 'care-leavers-demo-2026';

type DemoAccount = {
	username: string;
	name: string;
	role: 'leaver' | 'adviser' | 'lead' | 'supporter';
	adviser?: string;
	age?: number;
	livesInArea?: boolean;
	inEducation?: boolean;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ username: 'demo-lead', name: 'Dana Lead', role: 'lead' },
	{ username: 'demo-adviser', name: 'Alex Adviser', role: 'adviser' },
	{ username: 'demo-adviser-2', name: 'Sam Adviser', role: 'adviser' },
	{ username: 'demo-supporter', name: 'Morgan Supporter', role: 'supporter' },
	{
		username: 'demo-leaver',
		name: 'Jordan',
		role: 'leaver',
		adviser: 'demo-adviser',
		age: 19,
		livesInArea: true,
		inEducation: false
	},
	{
		username: 'demo-leaver-2',
		name: 'Riley',
		role: 'leaver',
		adviser: 'demo-adviser-2',
		age: 23,
		livesInArea: false,
		inEducation: true
	}
];

/** A date of birth that makes someone `age` today, half a year past their birthday. */
function dateOfBirthFor(age: number, now: Date) {
	const today = parseDay(londonToday(now));
	const birth = new Date(Date.UTC(today.year - age, today.month - 1 - 6, today.day));
	return toDayString({
		year: birth.getUTCFullYear(),
		month: birth.getUTCMonth() + 1,
		day: birth.getUTCDate()
	});
}

/** Creates the demo accounts that are missing. Idempotent. */
export async function seedDemoAccounts(db: Database, now = new Date()) {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	let created = 0;
	for (const account of DEMO_ACCOUNTS) {
		if (getUserByUsername(db, account.username)) {
			continue;
		}
		const adviserId = account.adviser ? getUserByUsername(db, account.adviser)?.id : undefined;
		db.insert(user)
			.values({
				username: account.username,
				passwordHash,
				passwordChangedAt: now,
				role: account.role,
				name: account.name,
				isDemo: true,
				email: demoEmail(account),
				adviserId: adviserId ?? null,
				dateOfBirth: account.age === undefined ? null : dateOfBirthFor(account.age, now),
				livesInArea: account.livesInArea ?? null,
				inEducation: account.inEducation ?? null
			})
			.run();
		created += 1;
	}
	// Demo staff made before staff had email addresses get theirs.
	for (const account of DEMO_ACCOUNTS) {
		const email = demoEmail(account);
		if (email) {
			db.update(user)
				.set({ email })
				.where(and(eq(user.username, account.username), eq(user.isDemo, true), isNull(user.email)))
				.run();
		}
	}
	return created;
}

/** Demo staff and supporters have work addresses (USERNAME@example.org), so emails can be tried. */
function demoEmail(account: { username: string; role: string }) {
	return account.role === 'leaver' ? null : `${account.username}@example.org`;
}

/**
 * Outside demo mode, every demo account is turned off and signed out everywhere (audited): their
 * password is published, so one left over from a trial must never open a real deployment. They
 * stay off if the demo is switched on again; a lead can turn a staff account back on.
 */
export function disableDemoAccounts(db: Database) {
	const live = db
		.select()
		.from(user)
		.where(and(eq(user.isDemo, true), isNull(user.disabledAt)))
		.all();
	for (const account of live) {
		setAccountDisabled(db, null, account, true, { reason: 'demo mode is off' });
	}
	return live.length;
}

// What demo requests are about: every topic young people ask their PA about, and "other".
const DEMO_TOPICS = [...CATEGORY_SLUGS.filter((slug) => slug !== 'having-your-say'), 'other'];
const DEMO_MESSAGES = [
	'Can you help me fill in the council tax form?',
	'My landlord wants a deposit. Is there help with that?',
	'I want to go to college in September. What can I get?',
	'I have a job interview next week and I am nervous.',
	'How do I find a dentist?',
	'Can we meet up this week?',
	'My bank card was stolen, what do I do?'
];

/**
 * About 90 days of plausible requests from the demo care leavers, answered quickly or late,
 * so the dashboard's request figures mean something on first open. Demo mode only; idempotent.
 */
export function seedDemoRequests(db: Database, now = Date.now()) {
	const leavers = ['demo-leaver', 'demo-leaver-2']
		.map((username) => getUserByUsername(db, username))
		.filter((account) => account !== undefined);
	let seed = 7;
	const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
	let created = 0;
	for (let n = 0; n < 40; n++) {
		const leaver = leavers[n % leavers.length];
		const adviser = leaver?.adviserId ? getUserById(db, leaver.adviserId) : undefined;
		if (!leaver || !adviser) {
			continue;
		}
		const sentAt = now - Math.floor((2 + random() * 88) * 86_400_000);
		const result = createSupportRequest(
			db,
			leaver,
			{
				topic: DEMO_TOPICS[n % DEMO_TOPICS.length],
				message: DEMO_MESSAGES[n % DEMO_MESSAGES.length],
				urgent: random() < 0.15,
				contactBy: 'app',
				idempotencyKey: `demo-request-${n}-seeded`
			},
			sentAt
		);
		if (!result.created) {
			continue;
		}
		created += 1;
		// Most are answered within hours; some take days (and miss the target).
		const replyAt =
			sentAt + Math.floor((random() < 0.8 ? random() * 20 : 30 + random() * 90) * 3_600_000);
		if (random() < 0.9 && replyAt < now) {
			replyAsStaff(
				db,
				adviser,
				result.request,
				{ message: 'Thanks for your message. I can help with this.' },
				replyAt
			);
			if (random() < 0.6) {
				const request = getRequestForStaff(db, adviser, result.request.id)!;
				changeRequestStatus(db, adviser, request, 'resolved', replyAt + 86_400_000);
				recordHelpful(db, request, {
					helpful: random() < 0.75 ? 'yes' : random() < 0.5 ? 'a-bit' : 'no'
				});
			}
		}
	}
	return created;
}
