import { sql } from 'drizzle-orm';
import { integer, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export const timestamps = {
	createdAt: integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)
};

/** The usual key: a row number SQLite hands out, never reused. */
export const rowId = () => integer('id').primaryKey({ autoIncrement: true });

/**
 * A column that must point at a row of another table (`() => user.id`). Without `onDelete` the
 * row pointed at cannot be deleted while this one exists.
 */
export const belongsTo = (
	name: string,
	target: () => AnySQLiteColumn,
	onDelete?: 'cascade' | 'set null'
) =>
	integer(name)
		.notNull()
		.references(target, onDelete ? { onDelete } : {});
