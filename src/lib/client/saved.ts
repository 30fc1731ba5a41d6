/**
 * Saved offers and "I've used this", kept on the phone (localStorage) for everyone: no account
 * needed, nothing sent to the server apart from the anonymous counting events.
 */
const SAVED_KEY = 'local-offer:saved-offers';
const USED_KEY = 'local-offer:used-offers';

function read(key: string): string[] {
	try {
		const value = JSON.parse(localStorage.getItem(key) ?? '[]');
		return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
	} catch {
		return [];
	}
}

function write(key: string, slugs: string[]) {
	try {
		localStorage.setItem(key, JSON.stringify([...new Set(slugs)].slice(-200)));
	} catch {
		// Storage full or blocked: the button still works for this visit.
	}
}

export function listSavedOffers(): string[] {
	return read(SAVED_KEY);
}

export function isOfferSaved(slug: string): boolean {
	return read(SAVED_KEY).includes(slug);
}

export function setOfferSaved(slug: string, saved: boolean) {
	const others = read(SAVED_KEY).filter((item) => item !== slug);
	write(SAVED_KEY, saved ? [...others, slug] : others);
}

export function isOfferUsed(slug: string): boolean {
	return read(USED_KEY).includes(slug);
}

export function markOfferUsed(slug: string) {
	write(USED_KEY, [...read(USED_KEY), slug]);
}

const FEEDBACK_ID_KEY = 'local-offer:feedback-id';

/** A random id for "Was this helpful?" answers, separate from the analytics visitor id. */
export function getFeedbackId(): string {
	try {
		let id = localStorage.getItem(FEEDBACK_ID_KEY);
		if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
			const bytes = crypto.getRandomValues(new Uint8Array(16));
			id = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
			localStorage.setItem(FEEDBACK_ID_KEY, id);
		}
		return id;
	} catch {
		return '';
	}
}
