-- Counters and the feed index (tables in 0005) change in the same statement as the rows they
-- describe, like the follower counters of 0001: exact right after any write, including the
-- rows an account deletion removes (cascades fire these triggers too), so no code path can
-- forget them. INSERT OR IGNORE + UPDATE rather than UPSERT keeps them plain SQLite everywhere.

-- Pledge totals per NGO and currency, and distinct supporters per NGO. A pledge "stands"
-- unless it is cancelled. A person counts once per NGO however many pledges they stand by:
-- the NOT EXISTS probes walk that person's own pledges (pledges_user_created_idx), a handful.
CREATE TRIGGER `pledges_stats_after_insert` AFTER INSERT ON `pledges` WHEN NEW.`status` <> 'cancelled'
BEGIN
	INSERT OR IGNORE INTO `ngo_pledge_totals` (`ngo_id`, `currency`) VALUES (NEW.`ngo_id`, NEW.`currency`);
	UPDATE `ngo_pledge_totals` SET
		`pledges` = `pledges` + 1,
		`once_minor` = `once_minor` + (CASE WHEN NEW.`recurrence` = 'once' THEN NEW.`amount_minor` ELSE 0 END),
		`monthly_minor` = `monthly_minor` + (CASE WHEN NEW.`recurrence` = 'monthly' THEN NEW.`amount_minor` ELSE 0 END)
	WHERE `ngo_id` = NEW.`ngo_id` AND `currency` = NEW.`currency`;
	INSERT OR IGNORE INTO `ngo_supporter_counts` (`ngo_id`) VALUES (NEW.`ngo_id`);
	UPDATE `ngo_supporter_counts` SET `supporters` = `supporters` + 1
	WHERE `ngo_id` = NEW.`ngo_id`
		AND NOT EXISTS (SELECT 1 FROM `pledges` WHERE `user_id` = NEW.`user_id` AND `ngo_id` = NEW.`ngo_id`
			AND `status` <> 'cancelled' AND `id` <> NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `pledges_stats_after_delete` AFTER DELETE ON `pledges` WHEN OLD.`status` <> 'cancelled'
BEGIN
	UPDATE `ngo_pledge_totals` SET
		`pledges` = `pledges` - 1,
		`once_minor` = `once_minor` - (CASE WHEN OLD.`recurrence` = 'once' THEN OLD.`amount_minor` ELSE 0 END),
		`monthly_minor` = `monthly_minor` - (CASE WHEN OLD.`recurrence` = 'monthly' THEN OLD.`amount_minor` ELSE 0 END)
	WHERE `ngo_id` = OLD.`ngo_id` AND `currency` = OLD.`currency`;
	UPDATE `ngo_supporter_counts` SET `supporters` = `supporters` - 1
	WHERE `ngo_id` = OLD.`ngo_id`
		AND NOT EXISTS (SELECT 1 FROM `pledges` WHERE `user_id` = OLD.`user_id` AND `ngo_id` = OLD.`ngo_id`
			AND `status` <> 'cancelled');
END;
--> statement-breakpoint
-- Any change that moves a pledge in or out of the sums: take the old row out, put the new one
-- in. The person leaves the old NGO's supporters when no standing pledge of theirs is left
-- there, and joins the new NGO's when none stood there before this row (which, if it stood
-- for the same person and NGO already, was counted).
CREATE TRIGGER `pledges_stats_after_update`
AFTER UPDATE OF `status`, `amount_minor`, `currency`, `recurrence`, `ngo_id`, `user_id` ON `pledges`
BEGIN
	UPDATE `ngo_pledge_totals` SET
		`pledges` = `pledges` - 1,
		`once_minor` = `once_minor` - (CASE WHEN OLD.`recurrence` = 'once' THEN OLD.`amount_minor` ELSE 0 END),
		`monthly_minor` = `monthly_minor` - (CASE WHEN OLD.`recurrence` = 'monthly' THEN OLD.`amount_minor` ELSE 0 END)
	WHERE OLD.`status` <> 'cancelled' AND `ngo_id` = OLD.`ngo_id` AND `currency` = OLD.`currency`;
	INSERT OR IGNORE INTO `ngo_pledge_totals` (`ngo_id`, `currency`)
		SELECT NEW.`ngo_id`, NEW.`currency` WHERE NEW.`status` <> 'cancelled';
	UPDATE `ngo_pledge_totals` SET
		`pledges` = `pledges` + 1,
		`once_minor` = `once_minor` + (CASE WHEN NEW.`recurrence` = 'once' THEN NEW.`amount_minor` ELSE 0 END),
		`monthly_minor` = `monthly_minor` + (CASE WHEN NEW.`recurrence` = 'monthly' THEN NEW.`amount_minor` ELSE 0 END)
	WHERE NEW.`status` <> 'cancelled' AND `ngo_id` = NEW.`ngo_id` AND `currency` = NEW.`currency`;
	UPDATE `ngo_supporter_counts` SET `supporters` = `supporters` - 1
	WHERE OLD.`status` <> 'cancelled' AND `ngo_id` = OLD.`ngo_id`
		AND NOT EXISTS (SELECT 1 FROM `pledges` WHERE `user_id` = OLD.`user_id` AND `ngo_id` = OLD.`ngo_id`
			AND `status` <> 'cancelled');
	INSERT OR IGNORE INTO `ngo_supporter_counts` (`ngo_id`) SELECT NEW.`ngo_id` WHERE NEW.`status` <> 'cancelled';
	UPDATE `ngo_supporter_counts` SET `supporters` = `supporters` + 1
	WHERE NEW.`status` <> 'cancelled' AND `ngo_id` = NEW.`ngo_id`
		AND NOT (OLD.`status` <> 'cancelled' AND OLD.`ngo_id` = NEW.`ngo_id` AND OLD.`user_id` = NEW.`user_id`)
		AND NOT EXISTS (SELECT 1 FROM `pledges` WHERE `user_id` = NEW.`user_id` AND `ngo_id` = NEW.`ngo_id`
			AND `status` <> 'cancelled' AND `id` <> NEW.`id`);
END;
--> statement-breakpoint
INSERT INTO `ngo_pledge_totals` (`ngo_id`, `currency`, `pledges`, `once_minor`, `monthly_minor`)
SELECT `ngo_id`, `currency`, count(*),
	coalesce(sum(CASE WHEN `recurrence` = 'once' THEN `amount_minor` END), 0),
	coalesce(sum(CASE WHEN `recurrence` = 'monthly' THEN `amount_minor` END), 0)
FROM `pledges` WHERE `status` <> 'cancelled' GROUP BY `ngo_id`, `currency`;
--> statement-breakpoint
INSERT INTO `ngo_supporter_counts` (`ngo_id`, `supporters`)
SELECT `ngo_id`, count(DISTINCT `user_id`) FROM `pledges` WHERE `status` <> 'cancelled' GROUP BY `ngo_id`;
--> statement-breakpoint

-- The feed index. An item is indexed while it shows in feeds: a post unless hidden, a
-- volunteer call while open and not hidden (its closing day is checked when reading). Its
-- sources are its NGO and the causes ngo_directory lists for that NGO (" health youth " is
-- turned into the JSON array ["health","youth"] for json_each).
CREATE TRIGGER `ngo_posts_feed_after_insert` AFTER INSERT ON `ngo_posts` WHEN NEW.`hidden` = 0
BEGIN
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		VALUES (NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'post', NULL);
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, NEW.`created_at`, NEW.`id`, 'post', NULL
		FROM `ngo_directory` AS `d`, json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `d`.`id` = NEW.`ngo_id` AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_posts_feed_after_update` AFTER UPDATE OF `hidden`, `ngo_id`, `created_at` ON `ngo_posts`
BEGIN
	DELETE FROM `feed_items` WHERE `item_id` = OLD.`id` AND `kind` = 'post';
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'post', NULL WHERE NEW.`hidden` = 0;
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, NEW.`created_at`, NEW.`id`, 'post', NULL
		FROM `ngo_directory` AS `d`, json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
		WHERE NEW.`hidden` = 0 AND `d`.`id` = NEW.`ngo_id` AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_posts_feed_after_delete` AFTER DELETE ON `ngo_posts`
BEGIN
	DELETE FROM `feed_items` WHERE `item_id` = OLD.`id` AND `kind` = 'post';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_opportunities_feed_after_insert` AFTER INSERT ON `volunteer_opportunities`
WHEN NEW.`hidden` = 0 AND NEW.`status` = 'open'
BEGIN
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		VALUES (NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'opportunity', NEW.`closes_on`);
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, NEW.`created_at`, NEW.`id`, 'opportunity', NEW.`closes_on`
		FROM `ngo_directory` AS `d`, json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `d`.`id` = NEW.`ngo_id` AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_opportunities_feed_after_update`
AFTER UPDATE OF `hidden`, `status`, `closes_on`, `ngo_id`, `created_at` ON `volunteer_opportunities`
BEGIN
	DELETE FROM `feed_items` WHERE `item_id` = OLD.`id` AND `kind` = 'opportunity';
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT NEW.`ngo_id`, NEW.`created_at`, NEW.`id`, 'opportunity', NEW.`closes_on`
		WHERE NEW.`hidden` = 0 AND NEW.`status` = 'open';
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, NEW.`created_at`, NEW.`id`, 'opportunity', NEW.`closes_on`
		FROM `ngo_directory` AS `d`, json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
		WHERE NEW.`hidden` = 0 AND NEW.`status` = 'open' AND `d`.`id` = NEW.`ngo_id` AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `volunteer_opportunities_feed_after_delete` AFTER DELETE ON `volunteer_opportunities`
BEGIN
	DELETE FROM `feed_items` WHERE `item_id` = OLD.`id` AND `kind` = 'opportunity';
END;
--> statement-breakpoint
-- An NGO's causes come from the directory sync: when they change (or the NGO appears or goes),
-- its items' cause entries are redone. The sync upserts every row, so only real changes count;
-- ids never change (the sync upserts by id).
CREATE TRIGGER `ngo_directory_feed_after_insert` AFTER INSERT ON `ngo_directory`
BEGIN
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, `p`.`created_at`, `p`.`id`, 'post', NULL
		FROM `ngo_posts` AS `p`, json_each('["' || replace(trim(NEW.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `p`.`ngo_id` = NEW.`id` AND `p`.`hidden` = 0 AND `c`.`value` <> '';
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, `o`.`created_at`, `o`.`id`, 'opportunity', `o`.`closes_on`
		FROM `volunteer_opportunities` AS `o`, json_each('["' || replace(trim(NEW.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `o`.`ngo_id` = NEW.`id` AND `o`.`hidden` = 0 AND `o`.`status` = 'open' AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_feed_after_update` AFTER UPDATE OF `causes` ON `ngo_directory`
WHEN OLD.`causes` IS NOT NEW.`causes`
BEGIN
	DELETE FROM `feed_items` WHERE `source` <> OLD.`id` AND `kind` = 'post'
		AND `item_id` IN (SELECT `id` FROM `ngo_posts` WHERE `ngo_id` = OLD.`id`);
	DELETE FROM `feed_items` WHERE `source` <> OLD.`id` AND `kind` = 'opportunity'
		AND `item_id` IN (SELECT `id` FROM `volunteer_opportunities` WHERE `ngo_id` = OLD.`id`);
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, `p`.`created_at`, `p`.`id`, 'post', NULL
		FROM `ngo_posts` AS `p`, json_each('["' || replace(trim(NEW.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `p`.`ngo_id` = NEW.`id` AND `p`.`hidden` = 0 AND `c`.`value` <> '';
	INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
		SELECT `c`.`value`, `o`.`created_at`, `o`.`id`, 'opportunity', `o`.`closes_on`
		FROM `volunteer_opportunities` AS `o`, json_each('["' || replace(trim(NEW.`causes`), ' ', '","') || '"]') AS `c`
		WHERE `o`.`ngo_id` = NEW.`id` AND `o`.`hidden` = 0 AND `o`.`status` = 'open' AND `c`.`value` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_feed_after_delete` AFTER DELETE ON `ngo_directory`
BEGIN
	DELETE FROM `feed_items` WHERE `source` <> OLD.`id` AND `kind` = 'post'
		AND `item_id` IN (SELECT `id` FROM `ngo_posts` WHERE `ngo_id` = OLD.`id`);
	DELETE FROM `feed_items` WHERE `source` <> OLD.`id` AND `kind` = 'opportunity'
		AND `item_id` IN (SELECT `id` FROM `volunteer_opportunities` WHERE `ngo_id` = OLD.`id`);
END;
--> statement-breakpoint
INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
SELECT `ngo_id`, `created_at`, `id`, 'post', NULL FROM `ngo_posts` WHERE `hidden` = 0;
--> statement-breakpoint
INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
SELECT `c`.`value`, `p`.`created_at`, `p`.`id`, 'post', NULL
FROM `ngo_posts` AS `p`
	JOIN `ngo_directory` AS `d` ON `d`.`id` = `p`.`ngo_id`,
	json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
WHERE `p`.`hidden` = 0 AND `c`.`value` <> '';
--> statement-breakpoint
INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
SELECT `ngo_id`, `created_at`, `id`, 'opportunity', `closes_on` FROM `volunteer_opportunities`
WHERE `hidden` = 0 AND `status` = 'open';
--> statement-breakpoint
INSERT INTO `feed_items` (`source`, `created_at`, `item_id`, `kind`, `closes_on`)
SELECT `c`.`value`, `o`.`created_at`, `o`.`id`, 'opportunity', `o`.`closes_on`
FROM `volunteer_opportunities` AS `o`
	JOIN `ngo_directory` AS `d` ON `d`.`id` = `o`.`ngo_id`,
	json_each('["' || replace(trim(`d`.`causes`), ' ', '","') || '"]') AS `c`
WHERE `o`.`hidden` = 0 AND `o`.`status` = 'open' AND `c`.`value` <> '';
