import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/server/auth/guards';
import { finishProviderSignIn } from '$lib/server/auth/oidc';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * The council's identity provider sends people back here (register ORIGIN/login/oidc/callback).
 * A GET that signs in: it acts only on a trip this browser started (the flow cookie's state,
 * nonce and PKCE verifier), which a preloaded link or a stranger's link cannot have.
 */
export const GET: RequestHandler = async (event) => {
	const result = await finishProviderSignIn(db, event);
	if (!result.ok) {
		redirect(303, `/login/oidc/problem?why=${result.problem}`);
	}
	redirect(303, homeFor(result.user.role));
};
