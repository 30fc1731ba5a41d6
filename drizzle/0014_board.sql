CREATE TABLE `calendar_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text,
	`access` text,
	`capacity` integer,
	`min_age` integer NOT NULL,
	`max_age` integer NOT NULL,
	`statuses` text NOT NULL,
	`lives_in_area` integer DEFAULT false NOT NULL,
	`in_education` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `calendar_event_status_starts` ON `calendar_event` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `event_place` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`leaver_id` integer NOT NULL,
	`status` text NOT NULL,
	`queued_at` integer NOT NULL,
	`attended` integer,
	`reminded_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `calendar_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leaver_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_place_event_status` ON `event_place` (`event_id`,`status`,`queued_at`);--> statement-breakpoint
CREATE INDEX `event_place_leaver` ON `event_place` (`leaver_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_place_event_leaver` ON `event_place` (`event_id`,`leaver_id`);--> statement-breakpoint
CREATE TABLE `opportunity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`organisation` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`place` text,
	`pay` text,
	`starts_on` text,
	`closes_on` text NOT NULL,
	`ring_fenced` integer DEFAULT false NOT NULL,
	`min_age` integer NOT NULL,
	`max_age` integer NOT NULL,
	`statuses` text NOT NULL,
	`lives_in_area` integer DEFAULT false NOT NULL,
	`in_education` integer DEFAULT false NOT NULL,
	`steps` text NOT NULL,
	`apply_url` text,
	`contacts` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `opportunity_status_closes` ON `opportunity` (`status`,`closes_on`);--> statement-breakpoint
ALTER TABLE `support_request` ADD `opportunity_id` integer REFERENCES opportunity(id) ON DELETE set null;