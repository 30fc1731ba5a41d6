/**
 * The thin layer between the app and the council's identity provider: every call to
 * openid-client (a certified OpenID Connect client) is here, so the rules about who may come in
 * (./oidc.ts) can be tested with a plain claims object. No JWT is checked by hand: discovery,
 * the ID token's signature, issuer, audience, expiry, nonce, state and PKCE are all
 * openid-client's.
 */
import * as client from 'openid-client';
import { ORIGIN, oidcSettings } from '../config';

export type OidcSettings = NonNullable<ReturnType<typeof oidcSettings>>;

/** Where the provider sends people back: register exactly this address with it. */
export const CALLBACK_PATH = '/login/oidc/callback';

export function callbackUrl(search = '') {
	return new URL(`${CALLBACK_PATH}${search}`, ORIGIN);
}

/** What is kept between sending someone to the provider and their coming back (a cookie). */
export type AuthorizationChecks = { state: string; nonce: string; verifier: string };

let discovered: { key: string; configuration: Promise<client.Configuration> } | null = null;
/** The origin of the provider's sign-in page, once discovery has found it. */
let authorizationOrigin: string | null = null;

/**
 * The provider's metadata and keys, discovered at the first sign-in (not at start-up, so an
 * unreachable provider never stops the app, and care leavers never wait for it) and then kept.
 * A failed discovery is forgotten, so the next try asks again.
 */
export function getProviderConfiguration(settings: OidcSettings): Promise<client.Configuration> {
	const key = `${settings.issuer} ${settings.clientId}`;
	if (discovered?.key === key) {
		return discovered.configuration;
	}
	const configuration = discover(settings);
	discovered = { key, configuration };
	configuration.then(
		(found) => {
			const endpoint = found.serverMetadata().authorization_endpoint;
			authorizationOrigin = endpoint ? new URL(endpoint).origin : null;
		},
		() => {
			if (discovered?.configuration === configuration) {
				discovered = null;
			}
		}
	);
	return configuration;
}

function discover(settings: OidcSettings) {
	const issuer = new URL(settings.issuer);
	// Plain http only to a provider on this machine (the end-to-end tests' one); any other
	// provider must be https, which openid-client insists on by default.
	const loopback =
		issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
	return client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
		execute: loopback ? [client.allowInsecureRequests] : [],
		timeout: 10
	});
}

/**
 * Where the sign-in button's form may lead: browsers apply the page's CSP `form-action` to the
 * redirect that follows the post too. The issuer's origin (where Entra, Google and most
 * providers have their sign-in page), and the sign-in page's own once discovery has found it.
 */
export function providerFormActionOrigins(settings: OidcSettings) {
	return [...new Set([new URL(settings.issuer).origin, authorizationOrigin ?? ''])].filter(Boolean);
}

/** Fresh state, nonce and PKCE verifier for one trip to the provider, and where to send them. */
export async function buildProviderSignInUrl(settings: OidcSettings) {
	const configuration = await getProviderConfiguration(settings);
	const checks: AuthorizationChecks = {
		state: client.randomState(),
		nonce: client.randomNonce(),
		verifier: client.randomPKCECodeVerifier()
	};
	const url = client.buildAuthorizationUrl(configuration, {
		redirect_uri: callbackUrl().href,
		scope: 'openid email profile',
		response_type: 'code',
		state: checks.state,
		nonce: checks.nonce,
		code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
		code_challenge_method: 'S256'
	});
	return { url, checks };
}

/**
 * Checks the provider's answer (state, then the code exchanged with the PKCE verifier, then the
 * ID token's signature, issuer, audience, expiry and nonce) and gives the ID token's claims.
 * Throws when anything does not check out.
 */
export async function readProviderAnswer(
	settings: OidcSettings,
	search: string,
	checks: AuthorizationChecks
) {
	const configuration = await getProviderConfiguration(settings);
	const tokens = await client.authorizationCodeGrant(configuration, callbackUrl(search), {
		expectedState: checks.state,
		expectedNonce: checks.nonce,
		pkceCodeVerifier: checks.verifier,
		idTokenExpected: true
	});
	const claims = tokens.claims();
	if (!claims) {
		throw new Error('The provider sent no ID token');
	}
	if (claims.email !== undefined || !tokens.access_token) {
		return claims;
	}
	// Providers may keep the `email` scope's claims for the UserInfo endpoint (OpenID Connect
	// Core 5.4; oidc-provider does by default). openid-client checks that its `sub` is the ID
	// token's; the issuer and subject used stay the ID token's.
	const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
	return {
		...claims,
		email: info.email,
		email_verified: info.email_verified,
		xms_edov: info.xms_edov
	};
}
