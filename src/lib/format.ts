/** Dates and times are stored in UTC and shown in UK time. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'Europe/London'
});
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

export function formatDateTime(value: Date | string | number) {
	return dateTime.format(new Date(value));
}

export function formatDate(value: Date | string | number) {
	return date.format(new Date(value));
}
