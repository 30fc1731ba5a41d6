import type { Database } from './db/connection';
import { user } from './db/schema';
import { hashPassword } from './auth/password';
import { getUserByUsername } from './users';

/** The demo accounts of CONTRACT.md; created only when DEMO is not 0. */
export const DEMO_PASSWORD = 'care-leavers-demo-2026';

type DemoAccount = {
	username: string;
	name: string;
	role: 'leaver' | 'adviser' | 'lead';
	adviser?: string;
	age?: number;
	livesInArea?: boolean;
	inEducation?: boolean;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ username: 'demo-lead', name: 'Dana Lead', role: 'lead' },
	{ username: 'demo-adviser', name: 'Alex Adviser', role: 'adviser' },
	{ username: 'demo-adviser-2', name: 'Sam Adviser', role: 'adviser' },
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
	const birth = new Date(now);
	birth.setUTCFullYear(now.getUTCFullYear() - age);
	birth.setUTCMonth(birth.getUTCMonth() - 6);
	return birth.toISOString().slice(0, 10);
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
				adviserId: adviserId ?? null,
				dateOfBirth: account.age === undefined ? null : dateOfBirthFor(account.age, now),
				livesInArea: account.livesInArea ?? null,
				inEducation: account.inEducation ?? null
			})
			.run();
		created += 1;
	}
	return created;
}
