ALTER TABLE `user` ADD `check_in_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `user` ADD `review_reminded_for` text;