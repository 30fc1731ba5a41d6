/**
 * Safari on an iPhone or iPad, which never offers `beforeinstallprompt`: people add the app with
 * Share → Add to Home Screen. Chrome, Firefox and Edge on iOS name themselves in the user agent.
 * iPadOS Safari says it is a Mac, so a Mac with a touch screen counts as an iPad.
 */
export function isIosSafari(userAgent: string, maxTouchPoints: number) {
	const appleMobile =
		/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
	return appleMobile && /Safari\//.test(userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(userAgent);
}
