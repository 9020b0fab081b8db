/**
 * One process of the records benchmark: `write <db> <from> <count>` appends records (a
 * second application server), `export <db> <format> <file>` streams every record to a file.
 * Prints one JSON line: what it did, how long it took, its peak resident memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportRecords, postgresStore, sqliteStore } from '../../dist/server.js';

export const open = (db) => (db.startsWith('sqlite:') ? sqliteStore(db.slice(7)) : postgresStore(db));

const KINDS = [
  { granted: ['preferences', 'analytics', 'marketing'], denied: [] },
  { granted: [], denied: ['preferences', 'analytics', 'marketing'] },
  { granted: ['analytics'], denied: ['preferences', 'marketing'] },
];
export const benchRecord = (n) => ({
  id: `0b1c2d3e-4f50-4617-8283-${n.toString(16).padStart(12, '0')}`,
  timestamp: new Date(1_790_000_000_000 + n).toISOString(),
  revision: '1',
  policyVersion: '2026-11-25',
  ...KINDS[n % 3],
  source: 'user',
  language: ['lv', 'en', 'ru'][n % 3],
  url: 'https://ankravs.lv/pakalpojumi',
});

/** Appends `count` records from `from` on, `concurrency` requests in flight at a time. */
export async function write(store, from, count, concurrency = 64) {
  let next = from;
  const end = from + count;
  const worker = async () => {
    while (next < end) await store.append(benchRecord(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [command, db, a, b] = process.argv.slice(2);
  const store = open(db);
  await store.ready();
  const start = performance.now();
  let result;
  if (command === 'write') {
    await write(store, Number(a), Number(b));
    result = { written: Number(b) };
  } else {
    const out = createWriteStream(b);
    const count = await exportRecords(store, out, { format: a });
    out.end();
    await once(out, 'finish');
    result = { exported: count };
  }
  await store.close();
  console.log(JSON.stringify({ ...result, ms: performance.now() - start, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}
