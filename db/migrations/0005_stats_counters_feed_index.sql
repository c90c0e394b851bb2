CREATE TABLE `feed_items` (
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`closes_on` text
);
--> statement-breakpoint
CREATE INDEX `feed_items_source_idx` ON `feed_items` (`source`,`created_at`,`item_id`,`kind`,`closes_on`);--> statement-breakpoint
CREATE INDEX `feed_items_item_idx` ON `feed_items` (`item_id`);--> statement-breakpoint
CREATE TABLE `ngo_pledge_totals` (
	`ngo_id` text NOT NULL,
	`currency` text NOT NULL,
	`pledges` integer DEFAULT 0 NOT NULL,
	`once_minor` integer DEFAULT 0 NOT NULL,
	`monthly_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`ngo_id`, `currency`),
	CONSTRAINT "ngo_pledge_totals_nonnegative" CHECK("ngo_pledge_totals"."pledges" >= 0 and "ngo_pledge_totals"."once_minor" >= 0 and "ngo_pledge_totals"."monthly_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE `ngo_supporter_counts` (
	`ngo_id` text PRIMARY KEY NOT NULL,
	`supporters` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ngo_supporter_counts_nonnegative" CHECK("ngo_supporter_counts"."supporters" >= 0)
);
--> statement-breakpoint
DROP INDEX `pledges_ngo_status_idx`;--> statement-breakpoint
CREATE INDEX `pledges_ngo_public_recent_idx` ON `pledges` (`ngo_id`,`created_at`,`id`) WHERE visibility = 'public' and status <> 'cancelled';