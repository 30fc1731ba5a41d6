// Requests for support, by what each part is about. Importers use `$lib/server/requests`.
export * from './targets';
export * from './status';
export * from './messages';
export * from './leaver';
export * from './staff';
export * from './saved-replies';
export * from './notices';
