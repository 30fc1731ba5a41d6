/** Accounts: who someone is and what their role lets them do. */
import { eq } from 'drizzle-orm';
import type { Database } from './db/connection';
import { user, type Role } from './db/schema';
import type { User } from './auth/session';
import type { LanguageCode } from '$lib/languages';

export type { User } from './auth/session';

/** What a signed-in person may see of themselves in the browser (no hashes, no keys). */
export function toPublicUser(row: User) {
	return {
		id: row.id,
		username: row.username,
		name: row.name,
		role: row.role,
		mfaEnabled: row.totpKey !== null
	};
}
export type PublicUser = ReturnType<typeof toPublicUser>;

export function isStaffRole(role: Role) {
	return role === 'adviser' || role === 'lead';
}

/** Staff must use a second factor; demo staff are exempt only while the demo is on. */
export function mfaRequired(row: User, demoMode: boolean) {
	if (row.totpKey) {
		return true;
	}
	return isStaffRole(row.role) && !(demoMode && row.isDemo);
}

/** The language a care leaver chose: their notices use it, and a new phone opens in it. */
export function saveAccountLanguage(db: Database, userId: number, language: LanguageCode) {
	db.update(user).set({ language }).where(eq(user.id, userId)).run();
}

export function getUserById(db: Pick<Database, 'select'>, id: number) {
	return db.select().from(user).where(eq(user.id, id)).get();
}

export function getUserByUsername(db: Database, username: string) {
	return db.select().from(user).where(eq(user.username, username.trim().toLowerCase())).get();
}

// The rest of accounts, by what each is about (importers may keep using `$lib/server/users`).
export * from './auth/credentials';
export * from './caseload';
export * from './staff-accounts';
