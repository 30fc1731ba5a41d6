CREATE TABLE `push_subscription` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscription_endpoint_unique` ON `push_subscription` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscription_user` ON `push_subscription` (`user_id`);--> statement-breakpoint
CREATE TABLE `request_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`crisis` integer DEFAULT false NOT NULL,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `support_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_message_request` ON `request_message` (`request_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `request_message_idempotency` ON `request_message` (`author_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `saved_reply` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `support_request` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`leaver_id` integer NOT NULL,
	`adviser_id` integer,
	`topic` text NOT NULL,
	`offer_slug` text,
	`urgent` integer DEFAULT false NOT NULL,
	`crisis` integer DEFAULT false NOT NULL,
	`contact_by` text DEFAULT 'app' NOT NULL,
	`contact_detail` text,
	`contact_when` text,
	`status` text DEFAULT 'new' NOT NULL,
	`first_response_at` integer,
	`resolved_at` integer,
	`waiting_since` integer,
	`paused_working_ms` integer DEFAULT 0 NOT NULL,
	`helpful` text,
	`helpful_comment` text,
	`leaver_read_at` integer,
	`adviser_read_at` integer,
	`idempotency_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`leaver_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adviser_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `support_request_idempotency` ON `support_request` (`leaver_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `support_request_adviser_status` ON `support_request` (`adviser_id`,`status`);--> statement-breakpoint
CREATE INDEX `support_request_leaver` ON `support_request` (`leaver_id`);--> statement-breakpoint
CREATE INDEX `support_request_created` ON `support_request` (`created_at`);