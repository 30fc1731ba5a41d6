/** Dates and times are stored in UTC and shown in UK time: the display half of london-time. */
export { formatDate, formatDateTime } from './london-time';
