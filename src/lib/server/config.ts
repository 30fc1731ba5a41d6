import { env } from '$env/dynamic/private';

/** The public address; https turns on Secure, `__Host-` cookies and HSTS. */
export const ORIGIN = env.ORIGIN || `http://localhost:${env.PORT || 3000}`;
export const SECURE_COOKIES = ORIGIN.startsWith('https://');
/** Demo mode (demo accounts, demo staff exempt from MFA) unless DEMO is exactly 0. */
export const DEMO_MODE = env.DEMO !== '0';
/** How long raw usage events are kept, in months (the daily rollups are kept for good). */
export const ANALYTICS_RETENTION_MONTHS = Math.max(1, Number(env.ANALYTICS_RETENTION_MONTHS) || 13);
