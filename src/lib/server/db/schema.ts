// The database's tables, by what they are about. drizzle-kit reads this file (drizzle.config.ts).
export * from './schema/content';
export * from './schema/people';
export * from './schema/requests';
export * from './schema/analytics';
export * from './schema/translations';
export * from './schema/board';
export * from './schema/pledges';
export * from './schema/keeping-in-touch';
