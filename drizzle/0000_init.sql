CREATE TABLE `category` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`icon` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`min_age` integer NOT NULL,
	`max_age` integer NOT NULL,
	`statuses` text NOT NULL,
	`lives_in_area` integer DEFAULT false NOT NULL,
	`in_education` integer DEFAULT false NOT NULL,
	`is_parent` integer DEFAULT false NOT NULL,
	`eligibility_notes` text,
	`steps` text NOT NULL,
	`contacts` text NOT NULL,
	`kind` text NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`reviewed_at` integer NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`category`) REFERENCES `category`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_slug_unique` ON `offer` (`slug`);--> statement-breakpoint
CREATE INDEX `offer_category_position` ON `offer` (`category`,`position`);--> statement-breakpoint
CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
