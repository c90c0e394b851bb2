CREATE TABLE `ngo_directory_seq` (
	`seq` integer PRIMARY KEY NOT NULL,
	`ngo_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ngo_directory_seq_ngo_id_unique` ON `ngo_directory_seq` (`ngo_id`);--> statement-breakpoint
CREATE TABLE `ngo_directory_terms` (
	`term` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`term`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `ngo_directory_terms_seq_idx` ON `ngo_directory_terms` (`seq`);--> statement-breakpoint
ALTER TABLE `ngo_directory` ADD `record` text;--> statement-breakpoint
ALTER TABLE `ngo_directory` ADD `places` text;--> statement-breakpoint
ALTER TABLE `ngo_directory` ADD `summary` text;--> statement-breakpoint
-- The public API's name search: FTS5 over the names, rowid = the NGO's seq, so a search reads
-- its matches already in list order and stops after one page. Diacritics folded ("cafe" finds
-- "Café"); prefixes of 1 to 3 letters indexed, so a short prefix as typed ("a", "fo") stays
-- fast. Chosen over a normalised-name prefix index because it matches any word of the name
-- ("red cross" finds "American Red Cross"); costs measured in docs/api.md.
CREATE VIRTUAL TABLE `ngo_directory_fts` USING fts5(`name`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
--> statement-breakpoint
-- Order, filters and search follow ngo_directory in the same statement as its rows, however
-- they are written (the directory sync, an approved proposal), so no code path can forget them.
CREATE TRIGGER `ngo_directory_after_insert` AFTER INSERT ON `ngo_directory`
BEGIN
	INSERT OR IGNORE INTO `ngo_directory_seq` (`ngo_id`) VALUES (NEW.`id`);
	INSERT INTO `ngo_directory_fts` (`rowid`, `name`)
		SELECT `seq`, NEW.`name` FROM `ngo_directory_seq` WHERE `ngo_id` = NEW.`id`;
	INSERT OR IGNORE INTO `ngo_directory_terms` (`term`, `seq`)
		SELECT 'cause:' || c.`value`, s.`seq` FROM `ngo_directory_seq` s, json_each(NEW.`record`, '$.causes') c
		WHERE s.`ngo_id` = NEW.`id`;
	INSERT OR IGNORE INTO `ngo_directory_terms` (`term`, `seq`)
		SELECT 'place:' || p.`value`, s.`seq` FROM `ngo_directory_seq` s, json_each(NEW.`places`) p
		WHERE s.`ngo_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_after_rename` AFTER UPDATE OF `name` ON `ngo_directory`
WHEN OLD.`name` IS NOT NEW.`name`
BEGIN
	DELETE FROM `ngo_directory_fts` WHERE `rowid` = (SELECT `seq` FROM `ngo_directory_seq` WHERE `ngo_id` = NEW.`id`);
	INSERT INTO `ngo_directory_fts` (`rowid`, `name`)
		SELECT `seq`, NEW.`name` FROM `ngo_directory_seq` WHERE `ngo_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_after_refile` AFTER UPDATE OF `record`, `places` ON `ngo_directory`
WHEN OLD.`record` IS NOT NEW.`record` OR OLD.`places` IS NOT NEW.`places`
BEGIN
	DELETE FROM `ngo_directory_terms` WHERE `seq` = (SELECT `seq` FROM `ngo_directory_seq` WHERE `ngo_id` = NEW.`id`);
	INSERT OR IGNORE INTO `ngo_directory_terms` (`term`, `seq`)
		SELECT 'cause:' || c.`value`, s.`seq` FROM `ngo_directory_seq` s, json_each(NEW.`record`, '$.causes') c
		WHERE s.`ngo_id` = NEW.`id`;
	INSERT OR IGNORE INTO `ngo_directory_terms` (`term`, `seq`)
		SELECT 'place:' || p.`value`, s.`seq` FROM `ngo_directory_seq` s, json_each(NEW.`places`) p
		WHERE s.`ngo_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ngo_directory_after_delete` AFTER DELETE ON `ngo_directory`
BEGIN
	DELETE FROM `ngo_directory_fts` WHERE `rowid` = (SELECT `seq` FROM `ngo_directory_seq` WHERE `ngo_id` = OLD.`id`);
	DELETE FROM `ngo_directory_terms` WHERE `seq` = (SELECT `seq` FROM `ngo_directory_seq` WHERE `ngo_id` = OLD.`id`);
	DELETE FROM `ngo_directory_seq` WHERE `ngo_id` = OLD.`id`;
END;
--> statement-breakpoint
-- Rows already there: numbered in id order and searchable at once; their records, places and
-- terms come with the next sync (the rows it compares now include the records, so the last
-- fingerprint no longer matches).
INSERT INTO `ngo_directory_seq` (`ngo_id`) SELECT `id` FROM `ngo_directory` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `ngo_directory_fts` (`rowid`, `name`)
	SELECT s.`seq`, d.`name` FROM `ngo_directory_seq` s JOIN `ngo_directory` d ON d.`id` = s.`ngo_id`;
