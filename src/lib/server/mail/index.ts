// Email notices for staff, without personal detail. Importers use `$lib/server/mail`.
export * from './choices';
export * from './delivery';
export * from './queue';
export * from './recipients';
export * from './status';
export * from './sweep';
export * from './templates';
