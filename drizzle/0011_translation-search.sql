-- Full-text search over offers' translations, so a young person finds offers by words in their
-- language. A plain FTS5 table (its own copy of the words) kept in step by triggers; no stemmer,
-- which knows only English. Only offers are searched; rowid is the translation's id.
CREATE VIRTUAL TABLE `translation_search` USING fts5(
	title, summary, body, keywords, language UNINDEXED, offer_id UNINDEXED,
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `translation_search_insert` AFTER INSERT ON `content_translation`
WHEN new.kind = 'offer' BEGIN
	INSERT INTO translation_search(rowid, title, summary, body, keywords, language, offer_id)
	VALUES (new.id, json_extract(new.fields, '$.title'), json_extract(new.fields, '$.summary'),
		json_extract(new.fields, '$.body'), coalesce(json_extract(new.fields, '$.keywords'), ''),
		new.language, CAST(new.subject AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `translation_search_delete` AFTER DELETE ON `content_translation`
WHEN old.kind = 'offer' BEGIN
	DELETE FROM translation_search WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `translation_search_update` AFTER UPDATE ON `content_translation`
WHEN new.kind = 'offer' BEGIN
	DELETE FROM translation_search WHERE rowid = old.id;
	INSERT INTO translation_search(rowid, title, summary, body, keywords, language, offer_id)
	VALUES (new.id, json_extract(new.fields, '$.title'), json_extract(new.fields, '$.summary'),
		json_extract(new.fields, '$.body'), coalesce(json_extract(new.fields, '$.keywords'), ''),
		new.language, CAST(new.subject AS INTEGER));
END;
