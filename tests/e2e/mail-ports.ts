// The email test's own app server and SMTP sink (playwright.config.ts starts the server; the
// test starts the sink). PORT+2 and PORT+3 belong to other servers.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const MAIL_PORT = PORT + 4;
export const MAIL_SINK_PORT = PORT + 5;
export const MAIL_DB = '.e2e/mail/local-offer.db';
