-- Impact reports in the feed index (feed_items, migration 0005/0006), kept by triggers like
-- posts and volunteer calls. A visible report has three kinds of source: its NGO (followers),
-- each of the NGO's causes in ngo_directory (cause followers) and 'pledged:' || its NGO id
-- (everyone with a standing pledge to it, follower or not). Only reports are indexed under
-- 'pledged:', so pledging brings an NGO's reports into the feed, not its news.
CREATE TRIGGER `impact_reports_feed_after_insert` AFTER INSERT ON `impact_reports` WHEN NEW.`hidden` = 0
BEGIN
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		VALUES (NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'report', NULL),
			('pledged:' || NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'report', NULL);
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, NEW.`created_at`, NEW.`id`, 'report', NULL
		FROM `ngo_directory` AS `d`, json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `d`.`id` = NEW.`ngo_id` AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `impact_reports_feed_after_update` AFTER UPDATE OF `hidden`, `ngo_id`, `created_at` ON `impact_reports`
BEGIN
	DELETE FROM `feed_items` WHERE `item_id` = OLD.`id` AND `kind` = 'report';
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'report', NULL WHERE NEW.`hidden` = 0
		UNION ALL
		SELECT 'pledged:' || NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'report', NULL WHERE NEW.`hidden` = 0;
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, NEW.`created_at`, NEW.`id`, 'report', NULL
		FROM `ngo_directory` AS `d`, json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
		WHERE NEW.`hidden` = 0 AND `d`.`id` = NEW.`ngo_id` AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `impact_reports_feed_after_delete` AFTER DELETE ON `impact_reports`
BEGIN
	DELETE FROM `feed_items` WHERE `item_id` = OLD.`id` AND `kind` = 'report';
END;
--> statement-breakpoint
-- An NGO's causes change with the directory sync: its reports' cause entries are redone, as
-- 0006's ngo_directory triggers do for posts and calls (theirs leave reports alone).
CREATE TRIGGER `ngo_directory_report_feed_after_insert` AFTER INSERT ON `ngo_directory`
BEGIN
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, `r`.`created_at`, `r`.`id`, 'report', NULL
		FROM `impact_reports` AS `r`, json_each('["' || replace(trim(NEW.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `r`.`ngo_id` = NEW.`id` AND `r`.`hidden` = 0 AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_report_feed_after_update` AFTER UPDATE OF `causes` ON `ngo_directory`
WHEN OLD.`causes` IS NOT NEW.`causes`
BEGIN
	DELETE FROM `feed_items` WHERE `source` <> OLD.`id` AND `source` <> 'pledged:' || OLD.`id` AND `kind` = 'report'
		AND `item_id` IN (SELECT `id` FROM `impact_reports` WHERE `ngo_id` = OLD.`id`);
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, `r`.`created_at`, `r`.`id`, 'report', NULL
		FROM `impact_reports` AS `r`, json_each('["' || replace(trim(NEW.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `r`.`ngo_id` = NEW.`id` AND `r`.`hidden` = 0 AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_report_feed_after_delete` AFTER DELETE ON `ngo_directory`
BEGIN
	DELETE FROM `feed_items` WHERE `source` <> OLD.`id` AND `source` <> 'pledged:' || OLD.`id` AND `kind` = 'report'
		AND `item_id` IN (SELECT `id` FROM `impact_reports` WHERE `ngo_id` = OLD.`id`);
END;
--> statement-breakpoint
INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
SELECT `ngo_id`, `created_at`, `id`, 'report', NULL FROM `impact_reports` WHERE `hidden` = 0
UNION ALL
SELECT 'pledged:' || `ngo_id`, `created_at`, `id`, 'report', NULL FROM `impact_reports` WHERE `hidden` = 0;
--> statement-breakpoint
INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
SELECT `c`.`value`, `r`.`created_at`, `r`.`id`, 'report', NULL
FROM `impact_reports` AS `r`
	JOIN `ngo_directory` AS `d` ON `d`.`id` = `r`.`ngo_id`,
	json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
WHERE `r`.`hidden` = 0 AND `c`.`value` <> '';
