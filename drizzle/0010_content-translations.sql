CREATE TABLE `content_translation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`language` text NOT NULL,
	`fields` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`updated_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `content_translation_language` ON `content_translation` (`language`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_translation_subject_language` ON `content_translation` (`kind`,`subject`,`language`);--> statement-breakpoint
CREATE TABLE `content_translation_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`translation_id` integer NOT NULL,
	`version` integer NOT NULL,
	`fields` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`author_id` integer,
	`change` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`translation_id`) REFERENCES `content_translation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_translation_version_version` ON `content_translation_version` (`translation_id`,`version`);