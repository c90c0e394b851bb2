DROP INDEX `feed_items_source_idx`;--> statement-breakpoint
ALTER TABLE `feed_items` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `feed_items_source_idx` ON `feed_items` (`source`,`created_at`,`item_id`,`kind`,`closes_on`,`revision`);--> statement-breakpoint
-- A feed item's revision is drawn at random whenever what the feed shows of it may have changed,
-- so an item rendered once can be kept by (id, revision) and trusted while the index says the
-- same revision (functions/feed-cache.ts). Random, not a counter or updated_at: rows are deleted
-- and inserted again as items are hidden or their NGO's causes change, and two edits can fall in
-- the same second. All rows of one item share one revision, so every reader keys it alike.
UPDATE `feed_items` AS `f` SET `revision` = `x`.`revision`
FROM (SELECT `item_id`, `kind`, (random() & 9007199254740991) AS `revision` FROM `feed_items` GROUP BY `item_id`, `kind`) AS `x`
WHERE `x`.`item_id` = `f`.`item_id` AND `x`.`kind` = `f`.`kind`;
--> statement-breakpoint
CREATE TRIGGER `feed_items_revision_after_insert` AFTER INSERT ON `feed_items` WHEN NEW.`revision` = 0
BEGIN
	UPDATE `feed_items` SET `revision` = coalesce(
		(SELECT `revision` FROM `feed_items` WHERE `item_id` = NEW.`item_id` AND `kind` = NEW.`kind` AND `revision` <> 0 LIMIT 1),
		(random() & 9007199254740991))
	WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_posts_feed_revision_after_update` AFTER UPDATE ON `ngo_posts`
BEGIN
	UPDATE `feed_items` SET `revision` = (SELECT random() & 9007199254740991)
	WHERE `item_id` = NEW.`id` AND `kind` = 'post';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_opportunities_feed_revision_after_update` AFTER UPDATE ON `volunteer_opportunities`
BEGIN
	UPDATE `feed_items` SET `revision` = (SELECT random() & 9007199254740991)
	WHERE `item_id` = NEW.`id` AND `kind` = 'opportunity';
END;
--> statement-breakpoint
CREATE TRIGGER `impact_reports_feed_revision_after_update` AFTER UPDATE ON `impact_reports`
BEGIN
	UPDATE `feed_items` SET `revision` = (SELECT random() & 9007199254740991)
	WHERE `item_id` = NEW.`id` AND `kind` = 'report';
END;
--> statement-breakpoint
-- The feed shows each item's NGO by name and links to its page: a new name or slug, and the NGO
-- leaving the directory (no name, no link) or coming back, change what it shows.
CREATE TRIGGER `ngo_directory_feed_revision_after_update` AFTER UPDATE OF `name`, `slug` ON `ngo_directory`
WHEN OLD.`name` IS NOT NEW.`name` OR OLD.`slug` IS NOT NEW.`slug`
BEGIN
	UPDATE `feed_items` SET `revision` = (SELECT random() & 9007199254740991)
	WHERE `item_id` IN (SELECT `id` FROM `ngo_posts` WHERE `ngo_id` = NEW.`id`
		UNION ALL SELECT `id` FROM `volunteer_opportunities` WHERE `ngo_id` = NEW.`id`
		UNION ALL SELECT `id` FROM `impact_reports` WHERE `ngo_id` = NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_feed_revision_after_insert` AFTER INSERT ON `ngo_directory`
BEGIN
	UPDATE `feed_items` SET `revision` = (SELECT random() & 9007199254740991)
	WHERE `item_id` IN (SELECT `id` FROM `ngo_posts` WHERE `ngo_id` = NEW.`id`
		UNION ALL SELECT `id` FROM `volunteer_opportunities` WHERE `ngo_id` = NEW.`id`
		UNION ALL SELECT `id` FROM `impact_reports` WHERE `ngo_id` = NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_feed_revision_after_delete` AFTER DELETE ON `ngo_directory`
BEGIN
	UPDATE `feed_items` SET `revision` = (SELECT random() & 9007199254740991)
	WHERE `item_id` IN (SELECT `id` FROM `ngo_posts` WHERE `ngo_id` = OLD.`id`
		UNION ALL SELECT `id` FROM `volunteer_opportunities` WHERE `ngo_id` = OLD.`id`
		UNION ALL SELECT `id` FROM `impact_reports` WHERE `ngo_id` = OLD.`id`);
END;
