import { z } from 'zod';

/** What a browser sends to turn notifications on (PushSubscription.toJSON()). */
export const pushSubscriptionSchema = z.object({
	endpoint: z.url().max(1000),
	keys: z.object({
		p256dh: z.string().min(20).max(200),
		auth: z.string().min(8).max(100)
	})
});
