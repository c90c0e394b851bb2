CREATE TABLE `user_friends` (
	`user_id` text NOT NULL,
	`friend_user_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `friend_user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`friend_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_friends_not_self" CHECK("user_friends"."user_id" <> "user_friends"."friend_user_id")
);
--> statement-breakpoint
CREATE INDEX `user_friends_friend_idx` ON `user_friends` (`friend_user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `friends_synced_at` integer;