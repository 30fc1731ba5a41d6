import { z } from 'zod';

/** What staff can be told about, and how. The email queue's kinds are these (MAIL_KINDS). */
export const NOTICE_KINDS = [
	'new-request',
	'urgent-request',
	'reply',
	'overdue-soon',
	'weekly-overdue'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_CHANNELS = ['email', 'push'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export type NoticeChoices = Record<NoticeKind, NoticeChannel[]>;

/** Which kinds each staff role is sent (only leads get the weekly summary). */
export function noticeKindsFor(role: string): readonly NoticeKind[] {
	return role === 'lead' ? NOTICE_KINDS : NOTICE_KINDS.filter((kind) => kind !== 'weekly-overdue');
}

/** A field per kind and channel ("email-reply", "push-reply"): a ticked box sends "on". */
export function choiceField(kind: NoticeKind, channel: NoticeChannel) {
	return `${channel}-${kind}`;
}

/** The ticked boxes of the form, as choices. Anything else in the form is ignored. */
export const noticeChoicesFormSchema = z
	.record(z.string(), z.string())
	.transform((form): NoticeChoices => {
		const choices = {} as NoticeChoices;
		for (const kind of NOTICE_KINDS) {
			// Urgent requests always come by email: there is no box to untick.
			choices[kind] = NOTICE_CHANNELS.filter(
				(channel) =>
					form[choiceField(kind, channel)] === 'on' ||
					(kind === 'urgent-request' && channel === 'email')
			);
		}
		return choices;
	});

/** What is stored (user.noticeChoices); anything unreadable counts as "everything on". */
export const storedNoticeChoicesSchema = z.partialRecord(
	z.enum(NOTICE_KINDS),
	z.array(z.enum(NOTICE_CHANNELS))
);
