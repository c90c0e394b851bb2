PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_content_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`item_id` text NOT NULL,
	`reporter_id` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "content_reports_kind_check" CHECK("__new_content_reports"."kind" in ('post', 'opportunity', 'impact_report'))
);
--> statement-breakpoint
INSERT INTO `__new_content_reports`("id", "kind", "item_id", "reporter_id", "reason", "status", "created_at", "resolved_at") SELECT "id", "kind", "item_id", "reporter_id", "reason", "status", "created_at", "resolved_at" FROM `content_reports`;--> statement-breakpoint
DROP TABLE `content_reports`;--> statement-breakpoint
ALTER TABLE `__new_content_reports` RENAME TO `content_reports`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `content_reports_status_idx` ON `content_reports` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_reports_open_once_idx` ON `content_reports` (`reporter_id`,`kind`,`item_id`) WHERE status = 'open';