/// <reference types="node" />
/**
 * The record store: one interface over SQLite and PostgreSQL. The engine-specific parts
 * (SQL, transactions, the lock that serialises appends) live in `sqlite.ts` and
 * `postgres.ts`; everything said once about records lives here.
 */
import type { IncomingMessage } from 'node:http';
import type { ConsentRecord } from '../../core/record.js';
import { ChainCheck, FIELDS, acceptTypeOf, type ChainProblem, type ChainState, type RecordEntry, type StoredRecord } from './chain.js';
import { ipOf, userAgentOf, type IpPolicy } from './request.js';
import { bundledLocales, localesFrom, shownCache } from './shown.js';

export type { ChainProblem, ChainState, StoredRecord } from './chain.js';
export type { IpPolicy } from './request.js';

/** A period of receipt times: `from` inclusive, `to` exclusive; a bare date means that whole day. */
export interface Period {
  from?: string | Date;
  to?: string | Date;
}

/** The same period as ISO instants (the form the rows keep). */
export interface Range {
  from: string;
  to: string;
}

export interface DayStats {
  /** `YYYY-MM-DD` (UTC) of receipt. */
  day: string;
  total: number;
  all: number;
  necessary: number;
  custom: number;
  /** Per optional category: how many records offered it and how many of those granted it. */
  categories: Record<string, { offered: number; granted: number }>;
}

export interface Stats {
  from: string;
  to: string;
  days: DayStats[];
  totals: Omit<DayStats, 'day'>;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  chain: ChainState;
  problems: ChainProblem[];
}

export interface AppendResult {
  /** `false` when a record with the same `id` and `timestamp` was already kept (a re-send). */
  stored: boolean;
  seq: number | null;
}

export interface StoreOptions {
  /** Keep the visitor's address: `false` (default), `'masked'` (/24, /48) or `'full'`. */
  ip?: IpPolicy;
  /** Read the address from `X-Forwarded-For` (only behind a proxy you run). */
  trustProxy?: boolean;
  /** A folder of the site's own locale files (`locales-src` layout), when it does not use the bundled ones. */
  locales?: string;
}

export type Progress = (done: number, total: number) => void;

export interface RecordStore {
  /** Opens the database and creates the tables if needed; every other method waits for it. */
  ready(): Promise<void>;
  /** Keep a record (what `consentHandler`'s `store` calls). Safe to call concurrently. */
  append(record: ConsentRecord, request?: IncomingMessage): Promise<AppendResult>;
  /** Every record of one consent id, oldest first: a data subject's request. */
  lookup(id: string): Promise<StoredRecord[]>;
  /** The newest records, newest first. */
  latest(limit?: number): Promise<StoredRecord[]>;
  /** Records received in a period, oldest first, read in pages: bounded memory whatever the size. */
  iterate(period?: Period): AsyncGenerator<StoredRecord>;
  count(period?: Period): Promise<number>;
  /** Delete the records received before `before` (the chain's start moves with them). */
  purge(before: string | Date, progress?: Progress): Promise<{ deleted: number }>;
  stats(period?: Period): Promise<Stats>;
  /** Recompute the chain: an edited, deleted or re-ordered row shows up as a problem. */
  verify(progress?: Progress): Promise<VerifyResult>;
  /** What the visitor of a record was shown (the canonical JSON text), by `shownHash`. */
  shown(hash: string): Promise<string | null>;
  close(): Promise<void>;
}

/** What an engine provides; appends arrive in batches and go in one transaction each. */
export interface Engine {
  /** Appends in order under the chain's lock; a duplicate (`id` + `timestamp`) gives `null`. */
  append(entries: RecordEntry[], shown: Map<string, string>): Promise<(StoredRecord | null)[]>;
  /** Up to `limit` rows with `seq` > `after`, by `seq` (the chain's order). */
  page(after: number, limit: number): Promise<StoredRecord[]>;
  /**
   * Up to `limit` rows received within `range`, after `cursor`, by receipt time then `seq`
   * (keyset pages over the `(received_at, seq)` index: each page costs the same).
   */
  range(range: Range, cursor: Cursor | null, limit: number): Promise<StoredRecord[]>;
  byId(id: string): Promise<StoredRecord[]>;
  latest(limit: number): Promise<StoredRecord[]>;
  count(range: Range): Promise<number>;
  chain(): Promise<ChainState>;
  /**
   * Deletes up to `limit` of the oldest rows received before `before`, as `purgeCut`
   * (retention.ts) decides, and moves the chain's start; returns how many.
   */
  purgeSome(before: string, limit: number): Promise<number>;
  choices(range: Range): Promise<{ day: string; choice: string; n: number }[]>;
  categories(range: Range): Promise<{ day: string; category: string; offered: number; granted: number }[]>;
  shown(hash: string): Promise<string | null>;
  close(): Promise<void>;
}

export interface Cursor {
  receivedAt: string;
  seq: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MIN = '0000-01-01T00:00:00.000Z';
const MAX = '9999-12-31T23:59:59.999Z';

function instant(value: string | Date | undefined, end: boolean, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && DAY.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    if (Number.isNaN(start)) throw new RangeError(`not a date: ${value}`);
    return new Date(end ? start + 86_400_000 : start).toISOString();
  }
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`not a date or time: ${String(value)}`);
  return new Date(time).toISOString();
}

/** A period as ISO bounds; a bare `to` date includes that day. */
export const rangeOf = (period: Period = {}): Range => ({
  from: instant(period.from, false, MIN),
  to: instant(period.to, true, MAX),
});

const PAGE = 1000;
/** Appends waiting for the running transaction go together in the next one. */
const BATCH = 500;
/** Rows one purge transaction deletes at most: appends wait for it only briefly, and the rows it reads stay few. */
const PURGE_BATCH = 10_000;

export function createStore(open: () => Promise<Engine>, options: StoreOptions = {}): RecordStore {
  let opening: Promise<Engine> | undefined;
  // A database down at start is tried again on the next call, not remembered as failed.
  const engine = () =>
    (opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    }));
  const shownFor = shownCache(options.locales ? localesFrom(options.locales) : bundledLocales());

  const waiting: { entry: RecordEntry; resolve(result: AppendResult): void; reject(error: unknown): void }[] = [];
  let writing = false;
  async function write(): Promise<void> {
    try {
      const db = await engine();
      while (waiting.length) {
        const batch = waiting.splice(0, BATCH);
        const shown = new Map<string, string>();
        for (const { entry } of batch) shown.set(entry.shownHash, shownFor(entry).content);
        try {
          const rows = await db.append(
            batch.map(({ entry }) => entry),
            shown,
          );
          batch.forEach(({ resolve }, index) => resolve({ stored: rows[index] !== null, seq: rows[index]?.seq ?? null }));
        } catch (error) {
          for (const { reject } of batch) reject(error);
        }
      }
    } catch (error) {
      for (const { reject } of waiting.splice(0)) reject(error);
    } finally {
      writing = false;
    }
  }

  async function* iterate(period?: Period): AsyncGenerator<StoredRecord> {
    const range = rangeOf(period);
    const db = await engine();
    let cursor: Cursor | null = null;
    for (;;) {
      const rows = await db.range(range, cursor, PAGE);
      yield* rows;
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1];
      cursor = { receivedAt: last.receivedAt, seq: last.seq };
    }
  }

  return {
    ready: async () => void (await engine()),
    append(record, request) {
      const entry: RecordEntry = {
        ...record,
        userAgent: userAgentOf(request),
        ip: ipOf(request, options.ip ?? false, options.trustProxy ?? false),
        shownHash: shownFor(record).hash,
        choice: acceptTypeOf(record),
      };
      return new Promise<AppendResult>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        // Started from the event loop's next turn: the requests that arrived meanwhile (while
        // the last commit waited for the disk) join this transaction instead of each waiting
        // for a commit of its own.
        if (!writing) {
          writing = true;
          setImmediate(() => void write());
        }
      });
    },
    lookup: async (id) => (await engine()).byId(id),
    latest: async (limit = 20) => (await engine()).latest(Math.min(Math.max(1, Math.floor(limit)), 1000)),
    iterate,
    count: async (period) => (await engine()).count(rangeOf(period)),
    async purge(before, progress) {
      const cutoff = instant(before, false, MIN);
      const db = await engine();
      const total = await db.count({ from: MIN, to: cutoff });
      let deleted = 0;
      for (;;) {
        const n = await db.purgeSome(cutoff, PURGE_BATCH);
        deleted += n;
        if (n === 0) break;
        progress?.(deleted, total);
      }
      return { deleted };
    },
    async stats(period) {
      const range = rangeOf(period);
      const db = await engine();
      const [choices, categories] = await Promise.all([db.choices(range), db.categories(range)]);
      return statsOf(range, choices, categories);
    },
    async verify(progress) {
      const db = await engine();
      const chain = await db.chain();
      const check = new ChainCheck(chain);
      const total = Math.max(0, chain.lastSeq - chain.firstSeq + 1);
      let after = 0;
      for (;;) {
        const rows = await db.page(after, PAGE);
        for (const row of rows) check.row(row);
        if (rows.length) progress?.(check.checked, total);
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1].seq;
      }
      const problems = check.finish();
      return { ok: problems.length === 0, checked: check.checked, chain, problems };
    },
    shown: async (hash) => (await engine()).shown(hash),
    async close() {
      if (opening) await (await opening).close();
    },
  };
}

const blank = (): Omit<DayStats, 'day'> => ({ total: 0, all: 0, necessary: 0, custom: 0, categories: {} });

export function statsOf(
  range: Range,
  choices: { day: string; choice: string; n: number }[],
  categories: { day: string; category: string; offered: number; granted: number }[],
): Stats {
  const days = new Map<string, DayStats>();
  const totals = blank();
  const dayOf = (day: string) => days.get(day) ?? days.set(day, { day, ...blank() }).get(day)!;
  for (const { day, choice, n } of choices) {
    const into = dayOf(day);
    const count = Number(n);
    for (const target of [into, totals]) {
      target.total += count;
      if (choice === 'all' || choice === 'necessary' || choice === 'custom') target[choice] += count;
    }
  }
  for (const { day, category, offered, granted } of categories) {
    for (const target of [dayOf(day), totals]) {
      const entry = (target.categories[category] ??= { offered: 0, granted: 0 });
      entry.offered += Number(offered);
      entry.granted += Number(granted);
    }
  }
  return { from: range.from, to: range.to, days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)), totals };
}

/** The columns both engines keep, in one order, and the conversions to and from a row. */
export const COLUMNS = FIELDS.map(([column]) => column);

export const valuesOf = (row: StoredRecord): unknown[] =>
  FIELDS.map(([, key]) => (Array.isArray(row[key]) ? JSON.stringify(row[key]) : row[key]));

const list = (value: unknown) => JSON.parse(String(value)) as string[];

/** How a column's value becomes the record's field: text, unless the field says otherwise. */
const FROM_COLUMN: Partial<Record<keyof StoredRecord, (value: unknown) => unknown>> = {
  // PostgreSQL's BIGINT arrives as a string.
  seq: Number,
  granted: list,
  denied: list,
  ip: (value) => (value === null || value === undefined ? null : String(value)),
};

export function recordOfRow(row: Record<string, unknown>): StoredRecord {
  const record: Record<string, unknown> = {};
  for (const [column, key] of FIELDS) record[key] = (FROM_COLUMN[key] ?? String)(row[column]);
  return record as unknown as StoredRecord;
}

/** The tables, in SQL both engines read (`seqType` differs). */
export const schema = (seqType: string): string[] => [
  `CREATE TABLE IF NOT EXISTS piekritu_records (
    seq ${seqType} PRIMARY KEY,
    id TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    revision TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    granted TEXT NOT NULL,
    denied TEXT NOT NULL,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    url TEXT NOT NULL,
    received_at TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    ip TEXT,
    shown_hash TEXT NOT NULL,
    choice TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (id, decided_at)
  )`,
  'CREATE INDEX IF NOT EXISTS piekritu_records_received ON piekritu_records (received_at, seq)',
  `CREATE TABLE IF NOT EXISTS piekritu_chain (
    key INTEGER PRIMARY KEY,
    first_seq ${seqType} NOT NULL,
    first_prev TEXT NOT NULL,
    last_seq ${seqType} NOT NULL,
    last_hash TEXT NOT NULL
  )`,
  'CREATE TABLE IF NOT EXISTS piekritu_shown (hash TEXT PRIMARY KEY, content TEXT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS piekritu_purges (
    at TEXT NOT NULL,
    before TEXT NOT NULL,
    first_seq ${seqType} NOT NULL,
    deleted ${seqType} NOT NULL
  )`,
];

export const chainOfRow = (row: Record<string, unknown>): ChainState => ({
  firstSeq: Number(row.first_seq),
  firstPrev: String(row.first_prev),
  lastSeq: Number(row.last_seq),
  lastHash: String(row.last_hash),
});

/** Loads an optional driver, or says plainly which package to install. */
export async function loadDriver<T>(name: string, version: string, load: () => Promise<T>, store: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(`${store} needs the "${name}" package, an optional dependency of piekritu: npm install ${name}@${version}`);
    }
    throw error;
  }
}
