/**
 * How the state of someone's invite code reads to staff, on the young people's list and on one
 * young person's record (`accountStatus` in `$lib/server/auth/invite.ts` works it out).
 */
export const INVITE_STATUS = {
	joined: 'Joined',
	waiting: 'Invited, not joined yet',
	expired: 'Invite code ran out',
	none: 'No invite'
} as const;
