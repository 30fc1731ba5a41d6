import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { user } from '$lib/server/db/schema';
import { NOTIFICATION_TEXT, notify } from '$lib/server/notify';
import { saveAccountLanguage } from '$lib/server/users';
import { createTestDatabase } from './helpers';

const mails = vi.hoisted(() => [] as { to: string; subject: string; text: string }[]);
vi.mock('nodemailer', () => ({
	default: {
		createTransport: () => ({
			sendMail: async (mail: { to: string; subject: string; text: string }) => {
				mails.push(mail);
			}
		})
	}
}));

describe("a young person's notices come in the language they chose", () => {
	beforeEach(() => {
		mails.length = 0;
		vi.stubEnv('SMTP_URL', 'smtp://mail.example.org:25');
	});
	afterEach(() => {
		vi.unstubAllEnvs();
	});

	function setUp() {
		const db = createTestDatabase();
		const jordan = db
			.insert(user)
			.values({ role: 'leaver', name: 'Jordan', username: 'jordan' })
			.returning()
			.get();
		const tell = () =>
			notify(
				db,
				{
					userId: jordan.id,
					text: NOTIFICATION_TEXT.replyToLeaver,
					url: '/requests/7',
					email: 'jordan@example.org'
				},
				'https://offer.example.org'
			);
		return { db, jordan, tell };
	}

	it('in English until they choose another language', async () => {
		const { tell } = setUp();
		tell();
		await vi.waitFor(() => expect(mails).toHaveLength(1));
		expect(mails[0].text).toBe(
			'You have a new reply from your PA.\n\nOpen https://offer.example.org/requests/7 to read it.'
		);
	});

	it('in Arabic, with the Arabic page linked and the address kept left to right', async () => {
		const { db, jordan, tell } = setUp();
		saveAccountLanguage(db, jordan.id, 'ar');
		tell();
		await vi.waitFor(() => expect(mails).toHaveLength(1));
		expect(mails[0].text).toBe(
			'وصلك رد جديد من مستشارك الشخصي (PA).\n\nافتح \u2066https://offer.example.org/ar/requests/7\u2069 لتقرأه.'
		);
	});

	it('in Vietnamese, left to right, with nothing personal in it', async () => {
		const { db, jordan, tell } = setUp();
		saveAccountLanguage(db, jordan.id, 'vi');
		tell();
		await vi.waitFor(() => expect(mails).toHaveLength(1));
		expect(mails[0].text).toBe(
			'Bạn có câu trả lời mới từ cố vấn riêng (PA) của bạn.\n\nMở https://offer.example.org/vi/requests/7 để đọc.'
		);
		expect(mails[0].text).not.toContain('Jordan');
	});
});
