-- One open report per person and item. Before the unique index can exist, keep each person's
-- oldest open report on an item (ties: the smallest id) and drop their later duplicates, which
-- the API now refuses with 409 already_reported. Reports of deleted accounts (reporter_id null)
-- and resolved ones are left alone.
DELETE FROM `content_reports`
WHERE `status` = 'open' AND `reporter_id` IS NOT NULL
	AND EXISTS (
		SELECT 1 FROM `content_reports` AS `earlier`
		WHERE `earlier`.`status` = 'open'
			AND `earlier`.`reporter_id` = `content_reports`.`reporter_id`
			AND `earlier`.`kind` = `content_reports`.`kind`
			AND `earlier`.`item_id` = `content_reports`.`item_id`
			AND (`earlier`.`created_at` < `content_reports`.`created_at`
				OR (`earlier`.`created_at` = `content_reports`.`created_at` AND `earlier`.`id` < `content_reports`.`id`))
	);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_reports_open_once_idx` ON `content_reports` (`reporter_id`,`kind`,`item_id`) WHERE status = 'open';
