import { redirect } from '@sveltejs/kit';
import { beginProviderSignIn } from '$lib/server/auth/oidc';
import type { RequestHandler } from './$types';

/** The "Sign in with your work account" button: off to the council's identity provider. */
export const POST: RequestHandler = async ({ cookies }) => {
	const started = await beginProviderSignIn(cookies);
	if (!started.ok) {
		redirect(303, `/login/oidc/problem?why=${started.problem}`);
	}
	redirect(303, started.url.href);
};
