-- Full-text search over the offer. External-content FTS5 table kept in step by triggers.
-- The porter stemmer lets "bursaries" find "bursary"; prefix queries (term*) are built in code.
CREATE VIRTUAL TABLE `offer_search` USING fts5(
	title, summary, body, keywords, category,
	content='offer', content_rowid='id',
	tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `offer_search_insert` AFTER INSERT ON `offer` BEGIN
	INSERT INTO offer_search(rowid, title, summary, body, keywords, category)
	VALUES (new.id, new.title, new.summary, new.body, new.keywords, new.category);
END;
--> statement-breakpoint
CREATE TRIGGER `offer_search_delete` AFTER DELETE ON `offer` BEGIN
	INSERT INTO offer_search(offer_search, rowid, title, summary, body, keywords, category)
	VALUES ('delete', old.id, old.title, old.summary, old.body, old.keywords, old.category);
END;
--> statement-breakpoint
CREATE TRIGGER `offer_search_update` AFTER UPDATE ON `offer` BEGIN
	INSERT INTO offer_search(offer_search, rowid, title, summary, body, keywords, category)
	VALUES ('delete', old.id, old.title, old.summary, old.body, old.keywords, old.category);
	INSERT INTO offer_search(rowid, title, summary, body, keywords, category)
	VALUES (new.id, new.title, new.summary, new.body, new.keywords, new.category);
END;
--> statement-breakpoint
INSERT INTO offer_search(offer_search) VALUES ('rebuild');
