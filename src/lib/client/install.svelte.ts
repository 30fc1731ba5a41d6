import { isIosSafari } from './platform';

/** The browser's install offer (Chromium only; not in the DOM type library yet). */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const install = $state({
	/** The browser offered to install the app and the offer was kept for our button. */
	canPrompt: false,
	/** Opened from the home screen, or installed during this visit. */
	installed: false,
	/** Safari on iOS: show the Add to Home Screen steps instead of a button. */
	iosSafari: false
});

let offer: BeforeInstallPromptEvent | null = null;
let watching = false;

/** Call once at start: the browser may make its offer before the install button is on screen. */
export function watchInstallOffer() {
	if (watching) {
		return;
	}
	watching = true;
	install.installed =
		window.matchMedia('(display-mode: standalone)').matches ||
		(navigator as Navigator & { standalone?: boolean }).standalone === true;
	install.iosSafari = isIosSafari(navigator.userAgent, navigator.maxTouchPoints);
	window.addEventListener('beforeinstallprompt', (event) => {
		// Keep the offer for the "Install the app" button instead of the browser's own banner.
		event.preventDefault();
		offer = event as BeforeInstallPromptEvent;
		install.canPrompt = true;
	});
	window.addEventListener('appinstalled', () => {
		offer = null;
		install.canPrompt = false;
		install.installed = true;
	});
}

export async function promptInstall() {
	const current = offer;
	if (!current) {
		return;
	}
	// An offer can be used once.
	offer = null;
	install.canPrompt = false;
	await current.prompt();
	const { outcome } = await current.userChoice;
	if (outcome === 'accepted') {
		install.installed = true;
	}
}
