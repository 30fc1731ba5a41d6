CREATE TABLE `offer_redirect` (
	`slug` text PRIMARY KEY NOT NULL,
	`offer_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offer`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `offer_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`author_id` integer,
	`change` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offer`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_version_offer_version` ON `offer_version` (`offer_id`,`version`);--> statement-breakpoint
CREATE TABLE `you_said_we_did` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`you_said` text NOT NULL,
	`we_did` text NOT NULL,
	`offer_id` integer,
	`published` integer DEFAULT false NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offer`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `you_said_we_did_updated` ON `you_said_we_did` (`updated_at`);--> statement-breakpoint
ALTER TABLE `offer` ADD `news` text;--> statement-breakpoint
ALTER TABLE `offer` ADD `news_at` integer;