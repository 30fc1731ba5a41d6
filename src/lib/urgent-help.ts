/** National urgent-help services (the same everywhere in the UK). The council's own numbers come from settings. */
export const NATIONAL_URGENT_HELP = [
	{
		name: 'Emergency services',
		description: 'If you or someone else is in danger right now, or badly hurt.',
		action: { kind: 'call', number: '999', label: 'Call 999' }
	},
	{
		name: 'Samaritans',
		description: 'Talk to someone about anything, any time, day or night. Free to call.',
		action: { kind: 'call', number: '116 123', label: 'Call 116 123' }
	},
	{
		name: 'Shout',
		description: 'If you would rather text than talk. Text the word SHOUT. Free, day or night.',
		action: { kind: 'text', number: '85258', body: 'SHOUT', label: 'Text SHOUT to 85258' }
	},
	{
		name: 'NHS 111',
		description: 'If you need medical help fast but it is not an emergency.',
		action: { kind: 'call', number: '111', label: 'Call 111' }
	}
] as const;
