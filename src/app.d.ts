// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session, User } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** Present only when signed in and, where needed, past the second step. */
			user: User | null;
			session: Session | null;
			/** Signed in with a password but the second factor is still owed. */
			pendingMfa: { session: Session; user: User } | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
