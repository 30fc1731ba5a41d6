import { env } from '$env/dynamic/private';

/** The public address; https turns on Secure, `__Host-` cookies and HSTS. */
export const ORIGIN = env.ORIGIN || `http://localhost:${env.PORT || 3000}`;
export const SECURE_COOKIES = ORIGIN.startsWith('https://');
/**
 * Demo mode (demo accounts with a published password, demo staff exempt from MFA) only when asked
 * for: DEMO=1. `npm start` asks for it on a developer's machine (scripts/start.js); the production
 * command and a bare `node build/index.js` do not, so a real deployment never has it by accident.
 */
export const DEMO_MODE = env.DEMO === '1';
/** How long raw usage events are kept, in months (the daily rollups are kept for good). */
export const ANALYTICS_RETENTION_MONTHS = Math.max(1, Number(env.ANALYTICS_RETENTION_MONTHS) || 13);
