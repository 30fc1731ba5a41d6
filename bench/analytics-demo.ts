// Run by bench/analytics.js with tsx: how long `npm start` in demo mode spends adding the
// demo usage data (about 180 days of events and feedback, rolled up) to a fresh database.
// Usage: tsx bench/analytics-demo.ts DB_PATH
import { performance } from 'node:perf_hooks';
import { seedDemoAnalytics } from '../src/lib/server/analytics/demo';
import { openDatabase } from '../src/lib/server/db/connection';
import { loadSeedFile, seedContent } from '../src/lib/server/seed';

const db = openDatabase(process.argv[2]);
seedContent(db, loadSeedFile());
const started = performance.now();
const events = seedDemoAnalytics(db);
console.log(JSON.stringify({ events, ms: performance.now() - started }));
db.$client.close();
