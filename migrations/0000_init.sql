CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`vacancy_id` text NOT NULL,
	`resume_id` text NOT NULL,
	`resume_title` text,
	`vacancy_title` text,
	`employer_name` text,
	`vacancy_url` text,
	`cover_letter` text NOT NULL,
	`hh_negotiation_id` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`reason` text,
	`external_url` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_user_vacancy` ON `applications` (`user_id`,`vacancy_id`);--> statement-breakpoint
CREATE INDEX `applications_status` ON `applications` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `hh_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `resumes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`hh_resume_id` text NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`updated_at` integer NOT NULL,
	`synced_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`selected` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resumes_user_hh_resume` ON `resumes` (`user_id`,`hh_resume_id`);--> statement-breakpoint
CREATE TABLE `swipes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`vacancy_id` text NOT NULL,
	`direction` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `swipes_user_vacancy` ON `swipes` (`user_id`,`vacancy_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hh_user_id` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`email` text,
	`hh_access_token` text,
	`hh_refresh_token` text,
	`hh_token_expires_at` integer,
	`hh_disconnected_at` integer,
	`sync_claimed_at` integer,
	`sync_started_at` integer,
	`synced_at` integer,
	`sync_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_hh_user_id_unique` ON `users` (`hh_user_id`);