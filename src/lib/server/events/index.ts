// Events and the places young people take at them, by what each part is about. Importers use
// `$lib/server/events`.
export * from './reading';
export * from './places';
export * from './editing';
export * from './notices';
export * from './calendar';
export * from './pages';
