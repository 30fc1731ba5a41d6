CREATE TABLE `pledge` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`supporter_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`kind` text NOT NULL,
	`time_kind` text,
	`amount_pence` integer,
	`details` text NOT NULL,
	`places` integer NOT NULL,
	`until` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`shown_as` text NOT NULL,
	`status` text NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`supporter_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pledge_supporter` ON `pledge` (`supporter_id`);--> statement-breakpoint
CREATE INDEX `pledge_status_until` ON `pledge` (`status`,`until`);--> statement-breakpoint
CREATE TABLE `pledge_match` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pledge_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`leaver_id` integer NOT NULL,
	`matched_by_id` integer,
	`meet_when` text NOT NULL,
	`meet_where` text NOT NULL,
	`note` text NOT NULL,
	`outcome` text,
	`hours` real,
	`paid_pence` integer,
	`outcome_by_id` integer,
	`outcome_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledge`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `support_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leaver_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`matched_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`outcome_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pledge_match_pledge` ON `pledge_match` (`pledge_id`);--> statement-breakpoint
CREATE INDEX `pledge_match_leaver` ON `pledge_match` (`leaver_id`);--> statement-breakpoint
CREATE INDEX `pledge_match_request` ON `pledge_match` (`request_id`);--> statement-breakpoint
ALTER TABLE `support_request` ADD `pledge_id` integer REFERENCES pledge(id) ON DELETE set null;