-- The audit trail is append-only: no code path, script or mistake can change or remove an entry.
CREATE TRIGGER `audit_event_no_update` BEFORE UPDATE ON `audit_event` BEGIN
	SELECT RAISE(ABORT, 'audit_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_event_no_delete` BEFORE DELETE ON `audit_event` BEGIN
	SELECT RAISE(ABORT, 'audit_event is append-only');
END;
