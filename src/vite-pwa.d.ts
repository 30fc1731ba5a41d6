// Types for `virtual:pwa-register` (src/lib/client/pwa.svelte.ts).
/// <reference types="vite-plugin-pwa/vanillajs" />
