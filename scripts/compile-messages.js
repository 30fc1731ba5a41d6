#!/usr/bin/env node
// Compiles the message catalogue before `svelte-check` (Vite does it itself on build and dev).
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile(paraglideOptions);
