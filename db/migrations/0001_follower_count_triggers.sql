-- Follower counters change in the same statement as the follow rows: exact under concurrency,
-- and also right when an account deletion removes a user's follows.
-- INSERT OR IGNORE + UPDATE rather than UPSERT keeps the triggers plain SQLite everywhere.
CREATE TRIGGER `ngo_follows_after_insert` AFTER INSERT ON `ngo_follows`
BEGIN
	INSERT OR IGNORE INTO `ngo_follower_counts` (`ngo_id`, `followers`) VALUES (NEW.`ngo_id`, 0);
	UPDATE `ngo_follower_counts` SET `followers` = `followers` + 1 WHERE `ngo_id` = NEW.`ngo_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_follows_after_delete` AFTER DELETE ON `ngo_follows`
BEGIN
	UPDATE `ngo_follower_counts` SET `followers` = `followers` - 1 WHERE `ngo_id` = OLD.`ngo_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `cause_follows_after_insert` AFTER INSERT ON `cause_follows`
BEGIN
	INSERT OR IGNORE INTO `cause_follower_counts` (`cause`, `followers`) VALUES (NEW.`cause`, 0);
	UPDATE `cause_follower_counts` SET `followers` = `followers` + 1 WHERE `cause` = NEW.`cause`;
END;
--> statement-breakpoint
CREATE TRIGGER `cause_follows_after_delete` AFTER DELETE ON `cause_follows`
BEGIN
	UPDATE `cause_follower_counts` SET `followers` = `followers` - 1 WHERE `cause` = OLD.`cause`;
END;
