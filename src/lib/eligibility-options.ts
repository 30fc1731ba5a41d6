/** Who an offer or opportunity is for, as staff editors ask it (staff pages are in English). */
export const STATUS_OPTIONS = [
	{ value: 'eligible', label: 'Eligible: aged 16 or 17 and in care now' },
	{ value: 'relevant', label: 'Relevant: aged 16 or 17 and has left care' },
	{ value: 'former-relevant', label: 'Former relevant: left care, now 18 or over' },
	{
		value: 'qualifying',
		label: 'Qualifying: was in care for a shorter time, or special guardianship'
	}
] as const;
