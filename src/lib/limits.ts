/** Limits shared by the browser and the server. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Text lengths the forms show (maxlength) and the schemas enforce. They live here, not beside
 * the zod schemas, so a page that only needs a number does not ship zod to the browser.
 */
export const MESSAGE_MAX_LENGTH = 5000;
export const FEEDBACK_COMMENT_MAX = 500;
export const GENERAL_FEEDBACK_MAX = 2000;
