/// <reference types="node" />
/**
 * `piekritu records <lookup|export|purge|stats|verify> --db <sqlite:path | postgres://…>`:
 * the record store from a shell, for a data-subject request, an authority's inquiry or a cron job.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportRecords } from '../server/records/export.js';
import { postgresStore } from '../server/records/postgres.js';
import { sqliteStore } from '../server/records/sqlite.js';
import type { Progress, RecordStore, StoredRecord } from '../server/records/store.js';
import { DEFAULT_RETENTION, retentionCutoff } from '../server/records/retention.js';

const USAGE = `usage: piekritu records <command> --db <sqlite:./consent.db | postgres://user:pass@host/db> [options]

commands:
  lookup <consent-id> [--json]          every record of one consent id (a data-subject request)
  export [--format csv|jsonl] [--from DATE] [--to DATE] [--out FILE]
                                        records received in a period (dates inclusive, UTC), streamed
  purge [--older-than ${DEFAULT_RETENTION}] [--dry-run]   delete records received longer ago (e.g. 400d, 18m, 3y)
  stats [--from DATE] [--to DATE] [--json]
                                        decisions per day: accept all / necessary only / custom, grant rate per category
  verify                                recompute the hash chain; exit 1 when a row was edited or deleted
`;

export function openStore(db: string | undefined): RecordStore {
  if (!db) throw new UsageError('--db is required (sqlite:./consent.db or postgres://…)');
  if (/^postgres(ql)?:\/\//.test(db)) return postgresStore(db);
  if (db.startsWith('sqlite:')) return sqliteStore(db.slice('sqlite:'.length));
  throw new UsageError(`--db ${db}: use sqlite:<file> or a postgres:// URL`);
}

class UsageError extends Error {}

/** Progress on stderr: a rewritten line on a terminal, a line per step otherwise. */
function progressLine(verb: string): Progress {
  // Quiet for runs under a second; then a line a second, and the last one.
  let last = Date.now();
  let shown = false;
  return (done, total) => {
    const now = Date.now();
    if (done === total ? !shown : now - last < 1000) return;
    last = now;
    shown = true;
    const text = `${verb} ${done.toLocaleString('en')}${total ? ` of ${total.toLocaleString('en')}` : ''} records`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  };
}

const print = (text: string) => process.stdout.write(`${text}\n`);

function describe(row: StoredRecord): string {
  return [
    `#${row.seq}  ${row.id}`,
    `  decided   ${row.timestamp}   received ${row.receivedAt}`,
    `  choice    ${row.choice} (source: ${row.source})   granted: ${row.granted.join(' ') || '–'}   denied: ${row.denied.join(' ') || '–'}`,
    `  revision  ${row.revision || '–'}   policy ${row.policyVersion}   language ${row.language}`,
    `  page      ${row.url}`,
    `  agent     ${row.userAgent || '–'}${row.ip ? `   ip ${row.ip}` : ''}`,
    `  shown     sha256 ${row.shownHash}`,
    `  hash      ${row.hash}`,
  ].join('\n');
}

async function command(name: string, args: string[], store: RecordStore, values: Record<string, string | boolean | undefined>): Promise<number> {
  switch (name) {
    case 'lookup': {
      const id = args[0];
      if (!id) throw new UsageError('lookup needs a consent id');
      const rows = await store.lookup(id);
      if (values.json) print(JSON.stringify(rows, null, 2));
      else if (!rows.length) process.stderr.write(`no record of ${id}\n`);
      else print(rows.map(describe).join('\n\n'));
      return 0;
    }
    case 'export': {
      const format = String(values.format ?? 'csv');
      if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format ${format}: csv or jsonl`);
      const out = values.out ? createWriteStream(String(values.out)) : process.stdout;
      const count = await exportRecords(store, out, {
        format,
        period: { from: values.from as string | undefined, to: values.to as string | undefined },
        progress: progressLine('exported'),
        every: 50_000,
      });
      if (out !== process.stdout) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(`${count} records exported\n`);
      return 0;
    }
    case 'purge': {
      const cutoff = retentionCutoff(String(values['older-than'] ?? DEFAULT_RETENTION), new Date());
      if (values['dry-run']) {
        print(`${await store.count({ to: cutoff })} records received before ${cutoff.toISOString()} would be deleted`);
        return 0;
      }
      const { deleted } = await store.purge(cutoff, progressLine('deleted'));
      print(`${deleted} records received before ${cutoff.toISOString()} deleted`);
      return 0;
    }
    case 'stats': {
      const stats = await store.stats({ from: values.from as string | undefined, to: values.to as string | undefined });
      if (values.json) {
        print(JSON.stringify(stats, null, 2));
        return 0;
      }
      const categories = Object.keys(stats.totals.categories).sort();
      const rate = (granted: number, offered: number) => (offered ? `${((granted / offered) * 100).toFixed(1)}%` : '–');
      const rows = [
        ['day', 'records', 'all', 'necessary', 'custom', ...categories],
        ...[...stats.days, { day: 'total', ...stats.totals }].map((day) => [
          day.day,
          String(day.total),
          String(day.all),
          String(day.necessary),
          String(day.custom),
          ...categories.map((name) => rate(day.categories[name]?.granted ?? 0, day.categories[name]?.offered ?? 0)),
        ]),
      ];
      const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
      for (const row of rows) print(row.map((cell, column) => (column ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  '));
      return 0;
    }
    case 'verify': {
      const result = await store.verify(progressLine('checked'));
      const { chain } = result;
      if (result.ok) {
        print(`ok: ${result.checked} records, chain ${chain.firstSeq}–${chain.lastSeq}, last hash ${chain.lastHash}`);
        return 0;
      }
      print(`NOT OK: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.checked} records`);
      for (const problem of result.problems) print(`  ${problem.message}`);
      return 1;
    }
    default:
      throw new UsageError(`unknown records command "${name}"`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        format: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'older-than': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`piekritu records: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [name, ...rest] = parsed.positionals;
  if (!name || parsed.values.help) {
    process.stderr.write(USAGE);
    return name || parsed.values.help ? 0 : 2;
  }
  let store: RecordStore | undefined;
  try {
    store = openStore(parsed.values.db);
    return await command(name, rest, store, parsed.values);
  } catch (error) {
    // Output piped into `head` and closed: not a failure of ours.
    if ((error as { code?: string }).code === 'EPIPE') return 0;
    if (error instanceof UsageError || error instanceof RangeError) {
      process.stderr.write(`piekritu records: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`piekritu records: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
  }
}
