/// <reference types="@sveltejs/kit" />
declare const self: ServiceWorkerGlobalScope;

/**
 * Push notifications. The server sends only "there is something new" and a same-site path,
 * never what was written, so a locked phone's screen gives nothing away.
 */
export function handleNotifications() {
	self.addEventListener('push', (event) => {
		let payload: { title?: string; body?: string; url?: string } = {};
		try {
			payload = event.data?.json() ?? {};
		} catch {
			payload = {};
		}
		const url = typeof payload.url === 'string' && payload.url.startsWith('/') ? payload.url : '/';
		event.waitUntil(
			self.registration.showNotification(payload.title ?? 'Local Offer', {
				body: payload.body ?? 'You have something new.',
				icon: '/icons/icon-192.png',
				badge: '/icons/icon-192.png',
				data: { url }
			})
		);
	});

	self.addEventListener('notificationclick', (event) => {
		event.notification.close();
		const url = (event.notification.data as { url?: string } | undefined)?.url ?? '/';
		event.waitUntil(
			self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
				const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
				if (open) {
					return open.navigate(url).then((client) => client?.focus());
				}
				return self.clients.openWindow(url);
			})
		);
	});
}
