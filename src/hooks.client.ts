import { installWords } from '$lib/i18n/client.svelte';

/**
 * Zod (the schemas shared with the server, used by some pages' forms) compiles fast parsers with
 * `new Function` when it may, and probes once whether it may. Under the content security policy
 * (no 'unsafe-eval') the probe fails quietly but the browser still reports a violation, so the
 * app tells Zod not to try. This is the object `z.config({ jitless: true })` writes to; setting
 * it here, before any page code runs, keeps Zod out of the entry bundle of pages that never use it.
 */
const zodConfig = ((
	globalThis as { __zod_globalConfig?: Record<string, unknown> }
).__zod_globalConfig ??= {});
zodConfig.jitless = true;

// The words the server wrote into the page, and the rest of its language when needed.
installWords();
