CREATE TABLE `ngo_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`city` text,
	`register` text,
	`registration_number` text,
	`website` text,
	`website_host` text,
	`mission` text NOT NULL,
	`causes` text NOT NULL,
	`role` text NOT NULL,
	`work_email` text NOT NULL,
	`email_token_hash` text,
	`email_token_expires_at` integer,
	`email_confirmed_at` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`ngo_id` text,
	`decision_reason` text,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ngo_proposals_status_check" CHECK("ngo_proposals"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "ngo_proposals_approved_has_id" CHECK(("ngo_proposals"."status" = 'approved') = ("ngo_proposals"."ngo_id" is not null))
);
--> statement-breakpoint
CREATE INDEX `ngo_proposals_status_idx` ON `ngo_proposals` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `ngo_proposals_user_idx` ON `ngo_proposals` (`user_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `ngo_proposals_ngo_idx` ON `ngo_proposals` (`ngo_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ngo_proposals_token_idx` ON `ngo_proposals` (`email_token_hash`);--> statement-breakpoint
CREATE INDEX `ngo_directory_name_idx` ON `ngo_directory` (lower("name"));--> statement-breakpoint
CREATE INDEX `ngo_directory_website_idx` ON `ngo_directory` (`website_host`);