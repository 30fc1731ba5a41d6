import { pushLoopbackAllowed } from './config';

/**
 * The push services a browser's subscription may point at. The server sends a request to
 * whatever address a signed-in person gives it, so anything else could be used to make the
 * server reach into the council's own network (loopback, 169.254.169.254, private ranges):
 * only these public services' hosts are accepted, over https on the default port, with no
 * user name or password in the address. This is the one list; add a browser's service here.
 */
export const PUSH_SERVICE_HOSTS: readonly { host: string; subdomains: boolean; who: string }[] = [
	// Chrome, Edge on Android, Samsung Internet, Opera. (android.googleapis.com, the old GCM
	// address, is not here: Google shut GCM down in 2019 and browsers no longer hand it out.)
	{ host: 'fcm.googleapis.com', subdomains: false, who: 'Google FCM' },
	// Firefox: updates.push.services.mozilla.com, and Mozilla's other autopush hosts.
	{ host: 'push.services.mozilla.com', subdomains: true, who: 'Mozilla autopush' },
	// Safari on iPhone, iPad and Mac: web.push.apple.com.
	{ host: 'push.apple.com', subdomains: true, who: 'Apple web push' },
	// Edge on Windows: wns2-xxx.notify.windows.com.
	{ host: 'notify.windows.com', subdomains: true, who: 'Microsoft WNS' }
];

/**
 * Only for the end-to-end tests, whose fake push service listens on this machine: with
 * PUSH_ALLOW_LOOPBACK=1, http://127.0.0.1:PORT and http://localhost:PORT are accepted too.
 * Never set it on a real server.
 */
function loopbackAllowedForTests(url: URL) {
	return (
		pushLoopbackAllowed() &&
		url.protocol === 'http:' &&
		(url.hostname === '127.0.0.1' || url.hostname === 'localhost') &&
		url.username === '' &&
		url.password === ''
	);
}

function isPushServiceHost(hostname: string) {
	return PUSH_SERVICE_HOSTS.some(
		({ host, subdomains }) => hostname === host || (subdomains && hostname.endsWith(`.${host}`))
	);
}

/** Whether the server may send a push to this address (see PUSH_SERVICE_HOSTS). */
export function isAllowedPushEndpoint(endpoint: string) {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (loopbackAllowedForTests(url)) {
		return true;
	}
	// URL lower-cases the host and turns the default port into ''; an IP address can never
	// equal or end with one of the names above.
	return (
		url.protocol === 'https:' &&
		url.port === '' &&
		url.username === '' &&
		url.password === '' &&
		isPushServiceHost(url.hostname)
	);
}
