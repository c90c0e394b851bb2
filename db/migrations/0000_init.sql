CREATE TABLE `cause_follower_counts` (
	`cause` text PRIMARY KEY NOT NULL,
	`followers` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cause_follower_counts_nonnegative" CHECK("cause_follower_counts"."followers" >= 0)
);
--> statement-breakpoint
CREATE TABLE `cause_follows` (
	`user_id` text NOT NULL,
	`cause` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `cause`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cause_follows_cause_idx` ON `cause_follows` (`cause`);--> statement-breakpoint
CREATE TABLE `deletion_requests` (
	`confirmation_code` text PRIMARY KEY NOT NULL,
	`requested_at` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE TABLE `ngo_follower_counts` (
	`ngo_id` text PRIMARY KEY NOT NULL,
	`followers` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ngo_follower_counts_nonnegative" CHECK("ngo_follower_counts"."followers" >= 0)
);
--> statement-breakpoint
CREATE TABLE `ngo_follows` (
	`user_id` text NOT NULL,
	`ngo_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `ngo_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ngo_follows_ngo_idx` ON `ngo_follows` (`ngo_id`);--> statement-breakpoint
CREATE TABLE `oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`next_path` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_states_expires_idx` ON `oauth_states` (`expires_at`);--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`ngo_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`recurrence` text NOT NULL,
	`visibility` text NOT NULL,
	`note` text,
	`status` text DEFAULT 'active' NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "pledges_amount_positive" CHECK("pledges"."amount_minor" > 0),
	CONSTRAINT "pledges_currency_iso" CHECK(length("pledges"."currency") = 3 and "pledges"."currency" = upper("pledges"."currency")),
	CONSTRAINT "pledges_recurrence_check" CHECK("pledges"."recurrence" in ('once', 'monthly')),
	CONSTRAINT "pledges_visibility_check" CHECK("pledges"."visibility" in ('public', 'anonymous')),
	CONSTRAINT "pledges_status_check" CHECK("pledges"."status" in ('active', 'fulfilled', 'cancelled')),
	CONSTRAINT "pledges_note_length" CHECK("pledges"."note" is null or length("pledges"."note") <= 500)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_user_idempotency_idx` ON `pledges` (`user_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `pledges_ngo_status_idx` ON `pledges` (`ngo_id`,`status`);--> statement-breakpoint
CREATE INDEX `pledges_user_created_idx` ON `pledges` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`provider_user_id` text NOT NULL,
	`name` text NOT NULL,
	`picture_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "users_provider_check" CHECK("users"."provider" in ('facebook', 'demo'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_provider_user_idx` ON `users` (`provider`,`provider_user_id`);