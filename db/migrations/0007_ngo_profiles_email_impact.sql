CREATE TABLE `email_addresses` (
	`user_id` text PRIMARY KEY NOT NULL,
	`address` text NOT NULL,
	`confirmed_at` integer,
	`digest` text DEFAULT 'weekly' NOT NULL,
	`status` text DEFAULT 'ok' NOT NULL,
	`hard_bounces` integer DEFAULT 0 NOT NULL,
	`digest_cursor_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "email_addresses_digest_check" CHECK("email_addresses"."digest" in ('weekly', 'off')),
	CONSTRAINT "email_addresses_status_check" CHECK("email_addresses"."status" in ('ok', 'failing'))
);
--> statement-breakpoint
CREATE INDEX `email_addresses_due_idx` ON `email_addresses` (`digest`,`status`,`confirmed_at`);--> statement-breakpoint
CREATE TABLE `email_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`ref` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "email_sends_kind_check" CHECK("email_sends"."kind" in ('confirmation', 'digest', 'instant')),
	CONSTRAINT "email_sends_status_check" CHECK("email_sends"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_sends_once_idx` ON `email_sends` (`kind`,`user_id`,`ref`);--> statement-breakpoint
CREATE INDEX `email_sends_due_idx` ON `email_sends` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `email_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`address` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `email_tokens_user_idx` ON `email_tokens` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `impact_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`ngo_id` text NOT NULL,
	`author_id` text,
	`title` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`currency` text,
	`received_minor` integer,
	`spent_minor` integer,
	`body_markdown` text NOT NULL,
	`body_html` text NOT NULL,
	`photo_key` text,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `impact_reports_ngo_idx` ON `impact_reports` (`ngo_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `impact_reports_created_idx` ON `impact_reports` (`created_at`);--> statement-breakpoint
CREATE TABLE `media_objects` (
	`key` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`uploaded_by` text,
	`ngo_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `media_objects_ngo_idx` ON `media_objects` (`ngo_id`);--> statement-breakpoint
CREATE TABLE `ngo_instant_emails` (
	`user_id` text NOT NULL,
	`ngo_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `ngo_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ngo_instant_emails_ngo_idx` ON `ngo_instant_emails` (`ngo_id`);--> statement-breakpoint
CREATE TABLE `ngo_profile_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`ngo_id` text NOT NULL,
	`data` text NOT NULL,
	`action` text NOT NULL,
	`reverted_to` text,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ngo_profile_revisions_action_check" CHECK("ngo_profile_revisions"."action" in ('edit', 'revert'))
);
--> statement-breakpoint
CREATE INDEX `ngo_profile_revisions_ngo_idx` ON `ngo_profile_revisions` (`ngo_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ngo_profiles` (
	`ngo_id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
