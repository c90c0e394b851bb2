CREATE TABLE `content_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`item_id` text NOT NULL,
	`reporter_id` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "content_reports_kind_check" CHECK("content_reports"."kind" in ('post', 'opportunity'))
);
--> statement-breakpoint
CREATE INDEX `content_reports_status_idx` ON `content_reports` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `ngo_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`ngo_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`work_email` text NOT NULL,
	`note` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ngo_claims_status_check" CHECK("ngo_claims"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE INDEX `ngo_claims_status_idx` ON `ngo_claims` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `ngo_claims_user_idx` ON `ngo_claims` (`user_id`);--> statement-breakpoint
CREATE TABLE `ngo_directory` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`website_host` text,
	`country` text NOT NULL,
	`causes` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ngo_directory_sync` (
	`id` integer PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ngo_managers` (
	`ngo_id` text NOT NULL,
	`user_id` text NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` text,
	PRIMARY KEY(`ngo_id`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ngo_managers_user_idx` ON `ngo_managers` (`user_id`);--> statement-breakpoint
CREATE TABLE `ngo_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`ngo_id` text NOT NULL,
	`author_id` text,
	`title` text NOT NULL,
	`body_markdown` text NOT NULL,
	`body_html` text NOT NULL,
	`link_url` text,
	`image_url` text,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ngo_posts_ngo_created_idx` ON `ngo_posts` (`ngo_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ngo_posts_created_idx` ON `ngo_posts` (`created_at`);--> statement-breakpoint
CREATE TABLE `site_admins` (
	`user_id` text PRIMARY KEY NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `volunteer_opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`ngo_id` text NOT NULL,
	`author_id` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`place` text,
	`remote` integer DEFAULT false NOT NULL,
	`commitment` text NOT NULL,
	`skills` text,
	`closes_on` text,
	`status` text DEFAULT 'open' NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "volunteer_opps_status_check" CHECK("volunteer_opportunities"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `volunteer_opps_ngo_idx` ON `volunteer_opportunities` (`ngo_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `volunteer_opps_created_idx` ON `volunteer_opportunities` (`created_at`);--> statement-breakpoint
CREATE TABLE `volunteer_signups` (
	`id` text PRIMARY KEY NOT NULL,
	`opportunity_id` text NOT NULL,
	`user_id` text NOT NULL,
	`message` text,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `volunteer_opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "volunteer_signups_status_check" CHECK("volunteer_signups"."status" in ('new', 'contacted'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_signups_once_idx` ON `volunteer_signups` (`opportunity_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `volunteer_signups_user_idx` ON `volunteer_signups` (`user_id`);