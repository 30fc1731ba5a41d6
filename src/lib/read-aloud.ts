/**
 * Reading a page aloud with the phone's own voices (the Web Speech API's `speechSynthesis`): no
 * network and no third party hear what the young person reads.
 */

/** The device's voice for a page in `language` (`ar`, `en-GB`), or null when it has none. */
export function findVoice<Voice extends { lang: string; localService?: boolean }>(
	voices: readonly Voice[],
	language: string
): Voice | null {
	const wanted = language.toLowerCase().replace('_', '-');
	const primary = wanted.split('-')[0];
	const matching = voices.filter(
		(voice) => voice.lang.toLowerCase().replace('_', '-').split('-')[0] === primary
	);
	// The exact variety (en-GB for en-GB) first, then one on the device over one online.
	return (
		matching.find((voice) => voice.lang.toLowerCase().replace('_', '-') === wanted) ??
		matching.find((voice) => voice.localService) ??
		matching[0] ??
		null
	);
}

/** The words of an element as they read, without the parts marked not to be read aloud. */
export function readableText(element: HTMLElement) {
	const copy = element.cloneNode(true) as HTMLElement;
	for (const skipped of copy.querySelectorAll('[data-not-read], script, style, svg')) {
		skipped.remove();
	}
	return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
