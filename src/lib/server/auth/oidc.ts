/**
 * Staff sign-in with the council's identity provider (OpenID Connect): who may come in, and the
 * two halves of the trip (sending someone to the provider, and their coming back). The calls to
 * openid-client are in ./oidc-client.ts.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { oidcSettings, SECURE_COOKIES } from '../config';
import type { Database } from '../db/connection';
import { invite, user } from '../db/schema';
import {
	buildProviderSignInUrl,
	providerFormActionOrigins,
	readProviderAnswer,
	type AuthorizationChecks
} from './oidc-client';
import type { User } from './session';
import { startSession } from './sign-in';

/** What an ID token says about the person, as far as these rules need it. */
export type ProviderClaims = {
	iss: string;
	sub: string;
	email?: unknown;
	email_verified?: unknown;
	xms_edov?: unknown;
};

/** Why someone was turned away: the words on the page they see (/login/oidc/problem). */
export type ProviderSignInProblem = 'not-invited' | 'failed' | 'unavailable';

export type ProviderSignInResult =
	{ ok: true; user: User; linked: boolean } | { ok: false; problem: ProviderSignInProblem };

/**
 * The email address the provider vouches for, lower case, or null.
 *
 * Standard providers (Google Workspace, Okta, Keycloak, …) say so with `email_verified: true`.
 * Microsoft Entra ID never sends `email_verified`, and its `email` claim is the account's mail
 * attribute, which an administrator of any tenant can set to any address (the "nOAuth"
 * problem): trusting it would let someone from another organisation take over an account
 * invited by email. So from Entra (an issuer at login.microsoftonline.com) the email counts only
 * with `xms_edov: true`, the optional claim by which Entra says the domain's owner verified it
 * (add `email` and `xms_edov` under the app registration's Token configuration). The README's
 * "Staff sign-in with Microsoft Entra ID" says how.
 */
export function verifiedEmail(claims: ProviderClaims): string | null {
	if (typeof claims.email !== 'string' || !claims.email.includes('@')) {
		return null;
	}
	const vouched = isEntraIssuer(claims.iss)
		? claims.xms_edov === true || claims.xms_edov === 1 || claims.xms_edov === '1'
		: claims.email_verified === true;
	return vouched ? claims.email.trim().toLowerCase() : null;
}

function isEntraIssuer(issuer: string) {
	try {
		return new URL(issuer).hostname === 'login.microsoftonline.com';
	} catch {
		return false;
	}
}

/** Staff, and supporters (council staff and members pledging through Helping Hands). */
function isInvitedAccount(account: User) {
	return account.role !== 'leaver';
}

/**
 * Who may come in with the provider's word, and the audit row either way. An account already
 * linked is found by issuer + `sub` (which never change, unlike an email address). Otherwise the
 * provider's verified email finds a staff account (never a care leaver's: they have no council
 * account, and an email on their record must not open it) that is on and not yet linked to
 * someone else, and the account is linked for good. Nobody else gets in, and no account is
 * ever made here: a lead invites staff first.
 */
export function signInWithProviderClaims(
	db: Database,
	claims: ProviderClaims,
	now = Date.now()
): ProviderSignInResult {
	return db.transaction(
		(tx) => {
			const refuse = (reason: string, account?: User): ProviderSignInResult => {
				// Never the email address: it may be someone who was never invited.
				recordAudit(tx, {
					actorId: account?.id ?? null,
					action: 'sign-in-refused',
					subjectUserId: account?.id ?? null,
					detail: { method: 'oidc', reason },
					at: new Date(now)
				});
				return { ok: false, problem: 'not-invited' };
			};
			const linked = tx
				.select()
				.from(user)
				.where(and(eq(user.oidcIssuer, claims.iss), eq(user.oidcSubject, claims.sub)))
				.get();
			let account = linked;
			if (!account) {
				const email = verifiedEmail(claims);
				if (!email) {
					return refuse('the provider did not vouch for an email address');
				}
				account = tx.select().from(user).where(eq(user.email, email)).get();
				if (!account) {
					return refuse('no account has this email');
				}
				if (!isInvitedAccount(account)) {
					return refuse('not a staff account', account);
				}
				if (account.oidcSubject !== null) {
					return refuse('linked to another council account', account);
				}
			}
			if (!isInvitedAccount(account)) {
				return refuse('not a staff account', account);
			}
			if (account.disabledAt) {
				return refuse('account turned off', account);
			}
			if (!linked) {
				tx.update(user)
					.set({ oidcIssuer: claims.iss, oidcSubject: claims.sub, updatedAt: new Date(now) })
					.where(eq(user.id, account.id))
					.run();
				// A code still waiting could set a password on an account that is now the
				// council's to vouch for: it is cancelled.
				tx.update(invite)
					.set({ revokedAt: new Date(now) })
					.where(
						and(eq(invite.userId, account.id), isNull(invite.usedAt), isNull(invite.revokedAt))
					)
					.run();
				recordAudit(tx, {
					actorId: account.id,
					action: 'oidc-linked',
					subjectUserId: account.id,
					detail: { issuer: claims.iss },
					at: new Date(now)
				});
			}
			recordAudit(tx, {
				actorId: account.id,
				action: 'sign-in',
				detail: { method: 'oidc' },
				at: new Date(now)
			});
			const current = tx.select().from(user).where(eq(user.id, account.id)).get();
			if (!current) {
				throw new Error('The account went away inside its own transaction');
			}
			return { ok: true, user: current, linked: !linked };
		},
		{ behavior: 'immediate' }
	);
}

// The trip's checks live in a short cookie, only ever sent to /login/oidc/…: httpOnly, Secure
// over https, and SameSite=Lax so the browser still sends it when the provider sends the person
// back (a top-level GET from another site). Ten minutes is plenty to sign in at the provider.
const FLOW_COOKIE = 'oidc-flow';
const FLOW_COOKIE_OPTIONS = {
	path: '/login/oidc',
	httpOnly: true,
	sameSite: 'lax',
	secure: SECURE_COOKIES
} as const;
const FLOW_MAX_AGE_SECONDS = 10 * 60;

function readFlowCookie(cookies: Cookies): AuthorizationChecks | null {
	const raw = cookies.get(FLOW_COOKIE);
	if (!raw) {
		return null;
	}
	try {
		const value: unknown = JSON.parse(raw);
		if (
			value &&
			typeof value === 'object' &&
			'state' in value &&
			'nonce' in value &&
			'verifier' in value &&
			typeof value.state === 'string' &&
			typeof value.nonce === 'string' &&
			typeof value.verifier === 'string'
		) {
			return { state: value.state, nonce: value.nonce, verifier: value.verifier };
		}
	} catch {
		// A cookie the app did not write: treated as missing.
	}
	return null;
}

/**
 * Sends someone to the provider: the address to go to, with fresh state, nonce and PKCE
 * verifier kept in the flow cookie. `unavailable` when the provider cannot be reached (or the
 * app has no provider).
 */
export async function beginProviderSignIn(
	cookies: Cookies
): Promise<{ ok: true; url: URL } | { ok: false; problem: ProviderSignInProblem }> {
	const settings = oidcSettings();
	if (!settings) {
		return { ok: false, problem: 'unavailable' };
	}
	try {
		const { url, checks } = await buildProviderSignInUrl(settings);
		cookies.set(FLOW_COOKIE, JSON.stringify(checks), {
			...FLOW_COOKIE_OPTIONS,
			maxAge: FLOW_MAX_AGE_SECONDS
		});
		return { ok: true, url };
	} catch (problem) {
		console.warn('The identity provider could not be reached:', describeError(problem));
		return { ok: false, problem: 'unavailable' };
	}
}

/**
 * The person is back from the provider (GET /login/oidc/callback). The flow cookie is used once
 * and deleted whatever happens. A missing cookie, a changed state or nonce, a code that does not
 * match the PKCE verifier, an error from the provider or a token that fails any check: `failed`,
 * audited without anything the provider sent. Otherwise the rules above decide, and a session
 * is started that counts as two-step verified (the provider's MFA, not the app's).
 */
export async function finishProviderSignIn(
	db: Database,
	event: Pick<RequestEvent, 'cookies' | 'request' | 'url'>
): Promise<ProviderSignInResult> {
	const settings = oidcSettings();
	const checks = readFlowCookie(event.cookies);
	event.cookies.delete(FLOW_COOKIE, FLOW_COOKIE_OPTIONS);
	if (!settings) {
		return { ok: false, problem: 'unavailable' };
	}
	const refuse = (reason: string): ProviderSignInResult => {
		recordAudit(db, {
			actorId: null,
			action: 'sign-in-refused',
			detail: { method: 'oidc', reason }
		});
		return { ok: false, problem: 'failed' };
	};
	// Not audited: anyone can open this address, and a row each time would let them fill the
	// audit trail. Nothing was tried against an account.
	if (!checks) {
		return { ok: false, problem: 'failed' };
	}
	if (event.url.searchParams.has('error')) {
		return refuse('the provider answered with an error');
	}
	let claims: ProviderClaims;
	try {
		claims = await readProviderAnswer(settings, event.url.search, checks);
	} catch (problem) {
		console.warn('A sign-in with the identity provider was refused:', describeError(problem));
		return refuse('the answer from the provider did not check out');
	}
	const result = signInWithProviderClaims(db, claims);
	if (result.ok) {
		startSession(db, event, result.user, true, 'oidc');
	}
	return result;
}

/** The kind of error and its code, never the tokens or claims it may carry. */
function describeError(problem: unknown) {
	if (!(problem instanceof Error)) {
		return 'unknown error';
	}
	const code = 'code' in problem && typeof problem.code === 'string' ? ` (${problem.code})` : '';
	return `${problem.name}${code}: ${problem.message}`;
}

/**
 * The sign-in page's policy, widened so its council button may lead to the provider: the post to
 * /login/oidc is answered with a redirect there, and browsers check `form-action` on it. Only
 * that page, and only with a provider configured.
 */
export function allowProviderSignInForm(headers: Headers) {
	const settings = oidcSettings();
	const policy = headers.get('content-security-policy');
	if (!settings || !policy) {
		return;
	}
	const origins = providerFormActionOrigins(settings).join(' ');
	headers.set(
		'content-security-policy',
		policy.replace(/form-action 'self'/, `form-action 'self' ${origins}`)
	);
}
