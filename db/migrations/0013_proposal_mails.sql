CREATE TABLE `proposal_mails` (
	`mailbox` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `proposal_mails_mailbox_idx` ON `proposal_mails` (`mailbox`,`sent_at`);--> statement-breakpoint
CREATE INDEX `proposal_mails_sent_idx` ON `proposal_mails` (`sent_at`);