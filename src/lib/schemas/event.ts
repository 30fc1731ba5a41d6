/** What kind of event it is. */
export const EVENT_KINDS = ['celebration', 'group', 'drop-in', 'activity'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
