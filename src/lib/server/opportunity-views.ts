import QRCode from 'qrcode';
import { addDays, londonToday } from '$lib/london-time';
import type { LanguageCode } from '$lib/languages';
import { CLOSING_SOON_DAYS, NEW_FOR_DAYS, type Opportunity } from './opportunities';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "31 January 2027" in the page's language (the day is a London date, YYYY-MM-DD), always in the
 * Gregorian calendar: a closing date in another one (Farsi's default is the Solar Hijri calendar)
 * would not match the employer's letters and forms.
 */
export function formatDayIn(language: LanguageCode, day: string) {
	return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-u-ca-gregory`, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${day}T12:00:00Z`));
}

/**
 * What a card on the board shows. The opportunity's own words are the council's, in English
 * (the page marks them `lang="en"`); dates are in the page's language.
 */
export function opportunityCard(item: Opportunity, language: LanguageCode, now = Date.now()) {
	const today = londonToday(now);
	return {
		id: item.id,
		kind: item.kind,
		title: item.title,
		organisation: item.organisation,
		summary: item.summary,
		place: item.place,
		ringFenced: item.ringFenced,
		closesOn: item.closesOn,
		closes: formatDayIn(language, item.closesOn),
		closesToday: item.closesOn === today,
		closingSoon: item.closesOn <= addDays(today, CLOSING_SOON_DAYS),
		isNew: item.publishedAt !== null && now - item.publishedAt.getTime() < NEW_FOR_DAYS * DAY_MS
	};
}

export type OpportunityCardData = ReturnType<typeof opportunityCard>;

/** A QR code (SVG) for posters in the leaving care office: it opens the opportunity's short link. */
export function opportunityQrCode(link: string) {
	return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
