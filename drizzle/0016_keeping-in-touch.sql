CREATE TABLE `check_in` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`leaver_id` integer NOT NULL,
	`mood` text NOT NULL,
	`topics` text NOT NULL,
	`words` text,
	`request_id` integer,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`leaver_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `support_request`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_in_idempotency` ON `check_in` (`leaver_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `check_in_leaver_created` ON `check_in` (`leaver_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `check_in_created` ON `check_in` (`created_at`);--> statement-breakpoint
CREATE TABLE `contact_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`leaver_id` integer NOT NULL,
	`logged_by_id` integer,
	`kind` text NOT NULL,
	`on` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`leaver_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`logged_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `contact_log_leaver_on` ON `contact_log` (`leaver_id`,`on`);--> statement-breakpoint
CREATE TABLE `team_news` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`author_id` integer,
	`audience` text NOT NULL,
	`age_band` text,
	`adviser_id` integer,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`adviser_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `team_news_created` ON `team_news` (`created_at`);--> statement-breakpoint
ALTER TABLE `user` ADD `check_in_every` text;--> statement-breakpoint
ALTER TABLE `user` ADD `pathway_review_on` text;