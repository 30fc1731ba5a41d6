#!/usr/bin/env node
// A real OpenID provider (oidc-provider, the certified Node implementation) for the end-to-end
// tests of council sign-in: one client for the app, PKCE required, and oidc-provider's
// development login form, where the "login" typed is the account: its `sub`, and its email
// (verified), so a test signs in as any email address it likes. Never for a real deployment.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PROVIDER_PORT);
const appOrigin = process.env.OIDC_APP_ORIGIN;
if (!port || !appOrigin) {
	throw new Error('Set OIDC_PROVIDER_PORT and OIDC_APP_ORIGIN');
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
	clients: [
		{
			client_id: 'local-offer',
			client_secret: 'e2e-only-client-secret',
			redirect_uris: [`${appOrigin}/login/oidc/callback`],
			grant_types: ['authorization_code'],
			response_types: ['code'],
			// openid-client's default way of sending the secret.
			token_endpoint_auth_method: 'client_secret_post'
		}
	],
	pkce: { methods: ['S256'], required: () => true },
	claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
	findAccount: (/** @type {unknown} */ _ctx, /** @type {string} */ sub) => ({
		accountId: sub,
		claims: () => ({
			sub,
			email: sub,
			email_verified: true,
			name: sub.split('@')[0]
		})
	}),
	cookies: { keys: ['e2e-only-cookie-key'] },
	features: { devInteractions: { enabled: true } }
});

provider.listen(port, '127.0.0.1', () => {
	console.log(`Test identity provider on http://127.0.0.1:${port}`);
});
