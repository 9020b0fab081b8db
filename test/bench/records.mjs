#!/usr/bin/env node
/**
 * The record stores under load, on this machine, against the real engines:
 *
 *   npm run bench:records            (RECORDS=1000000 by default for the export; EXPORT_RECORDS to change)
 *
 * 1. sustained writes: records/s for each engine, one at a time and with 64 in flight
 *    (a busy server: appends waiting for the running transaction go together in the next);
 * 2. several writers at once on PostgreSQL (4 processes, as 4 application servers): the
 *    chain must still verify;
 * 3. through HTTP: the consent handler on a SQLite store, 16 clients posting;
 * 4. a 1,000,000-record export (CSV, and JSON Lines) from each engine, in a process of its
 *    own, with its peak RSS beside that of a 100,000-record one: bounded memory means the
 *    two are about the same.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { consentHandler } from '../../dist/server.js';
import { startPostgres } from '../support/postgres.mjs';
import { benchRecord, open, write } from './records-child.mjs';

const CHILD = fileURLToPath(new URL('./records-child.mjs', import.meta.url));
const EXPORT_RECORDS = Number(process.env.EXPORT_RECORDS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'piekritu-bench-'));
const pg = await startPostgres();
const run = promisify(execFile);
const child = async (...args) => JSON.parse((await run(process.execPath, [CHILD, ...args], { maxBuffer: 1 << 20 })).stdout);
const rate = (n, ms) => `${Math.round((n / ms) * 1000).toLocaleString('en')} records/s`;
const mb = (n) => `${n.toFixed(0)} MB`;

let databases = 0;
async function freshDb(engine) {
  databases += 1;
  if (engine === 'sqlite') return `sqlite:${join(dir, `bench-${databases}.db`)}`;
  const admin = open(pg.url);
  await admin.ready();
  await admin.close();
  const { default: pgDriver } = await import('pg');
  const client = new pgDriver.Client(pg.url);
  await client.connect();
  await client.query(`CREATE DATABASE bench_${databases}`);
  await client.end();
  return pg.url.replace(/\/[^/]*$/, `/bench_${databases}`);
}

try {
  console.log(`records benchmark · Node ${process.version} · ${new Date().toISOString()}\n`);
  console.log('1. sustained writes (hash chain, one transaction per batch, SQLite synchronous=FULL)');
  for (const engine of ['sqlite', 'postgres']) {
    const store = open(await freshDb(engine));
    await store.ready();
    let start = performance.now();
    for (let n = 1; n <= 2000; n += 1) await store.append(benchRecord(n));
    const serial = performance.now() - start;
    start = performance.now();
    await write(store, 2001, 20_000, 64);
    const concurrent = performance.now() - start;
    const verdict = await store.verify();
    await store.close();
    console.log(`   ${engine.padEnd(8)}  one at a time: ${rate(2000, serial)} · 64 in flight: ${rate(20_000, concurrent)} · verify: ${verdict.ok ? 'ok' : 'BROKEN'} (${verdict.checked})`);
  }

  console.log('\n2. four writer processes at once on PostgreSQL (4 × 5,000)');
  {
    const db = await freshDb('postgres');
    const store = open(db);
    await store.ready();
    const start = performance.now();
    await Promise.all([0, 1, 2, 3].map((i) => child('write', db, String(1 + i * 5000), '5000')));
    const ms = performance.now() - start;
    const verdict = await store.verify();
    console.log(`   ${rate(20_000, ms)} together · ${verdict.checked} rows · chain ${verdict.ok ? 'verifies' : `BROKEN: ${verdict.problems[0]?.message}`}`);
    await store.close();
  }

  console.log('\n3. through HTTP: consentHandler + SQLite store, 16 clients, 5,000 POSTs');
  {
    const store = open(await freshDb('sqlite'));
    const handle = consentHandler({ store });
    const server = createServer((request, response) => void handle(request, response));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}/`;
    let next = 1;
    const failures = [];
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next <= 5000) {
          const response = await fetch(url, { method: 'POST', body: JSON.stringify(benchRecord(next++)), headers: { 'content-type': 'application/json' } });
          if (response.status !== 204) failures.push(response.status);
          await response.arrayBuffer();
        }
      }),
    );
    const ms = performance.now() - start;
    server.close();
    console.log(`   ${rate(5000, ms)} · non-204 answers: ${failures.length} · stored: ${await store.count()}`);
    await store.close();
  }

  console.log(`\n4. export in bounded memory (a process of its own; peak RSS)`);
  for (const engine of ['sqlite', 'postgres']) {
    const db = await freshDb(engine);
    const store = open(db);
    await store.ready();
    const start = performance.now();
    await write(store, 1, 100_000, 256);
    const small = await child('export', db, 'csv', join(dir, 'small.csv'));
    await write(store, 100_001, EXPORT_RECORDS - 100_000, 256);
    const seeded = performance.now() - start;
    await store.close();
    const csv = await child('export', db, 'csv', join(dir, 'big.csv'));
    const csvSize = statSync(join(dir, 'big.csv')).size;
    const jsonl = await child('export', db, 'jsonl', join(dir, 'big.jsonl'));
    console.log(`   ${engine.padEnd(8)}  seeded ${EXPORT_RECORDS.toLocaleString('en')} in ${(seeded / 1000).toFixed(0)} s (${rate(EXPORT_RECORDS, seeded)}, 256 in flight)`);
    console.log(`             100,000 CSV: ${(small.ms / 1000).toFixed(1)} s, peak RSS ${mb(small.maxRssMB)}`);
    console.log(`             ${csv.exported.toLocaleString('en')} CSV: ${(csv.ms / 1000).toFixed(1)} s (${rate(csv.exported, csv.ms)}), ${mb(csvSize / 1048576)} file, peak RSS ${mb(csv.maxRssMB)}`);
    console.log(`             ${jsonl.exported.toLocaleString('en')} JSON Lines: ${(jsonl.ms / 1000).toFixed(1)} s, peak RSS ${mb(jsonl.maxRssMB)}`);
  }
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
