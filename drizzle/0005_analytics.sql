CREATE TABLE `analytics_cursor` (
	`name` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`visitor_hash` integer NOT NULL,
	`user_id` integer,
	`type` text NOT NULL,
	`offer_id` integer,
	`path` text,
	`query` text,
	`results` integer,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`offer_id`) REFERENCES `offer`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `analytics_event_at` ON `analytics_event` (`at`);--> statement-breakpoint
CREATE TABLE `analytics_rollup` (
	`span` text NOT NULL,
	`day` text NOT NULL,
	`scope` text NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`sketch` blob NOT NULL,
	PRIMARY KEY(`span`, `day`, `scope`)
);
--> statement-breakpoint
CREATE INDEX `analytics_rollup_counts` ON `analytics_rollup` (`span`,`day`,`scope`,`events`);--> statement-breakpoint
CREATE TABLE `analytics_search_daily` (
	`day` text NOT NULL,
	`query` text NOT NULL,
	`searches` integer DEFAULT 0 NOT NULL,
	`empty` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `query`)
);
--> statement-breakpoint
CREATE TABLE `general_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text,
	`message` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `general_feedback_created` ON `general_feedback` (`created_at`);--> statement-breakpoint
CREATE TABLE `offer_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`responder` text NOT NULL,
	`helpful` integer NOT NULL,
	`comment` text,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offer`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_feedback_updated` ON `offer_feedback` (`updated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `offer_feedback_offer_responder` ON `offer_feedback` (`offer_id`,`responder`);