/**
 * Days are London calendar days ("YYYY-MM-DD"): a service lead's "Monday" is a Monday in the UK,
 * whatever the server's time zone. Times are stored as UTC milliseconds. The rules are the app's
 * one clock for people, $lib/london-time.
 */
export { addDays, daysInRange, londonDay, londonDayStart, weekStart } from '$lib/london-time';
