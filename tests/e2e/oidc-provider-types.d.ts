// oidc-provider ships no types; only tests/e2e/oidc-provider.js uses it.
declare module 'oidc-provider';
