/**
 * The hash chain that makes the record table tamper-evident: each row's hash covers its own
 * fields and the previous row's hash, so editing a row breaks its own hash and deleting one
 * breaks the link of the next. The chain's two ends are kept beside the rows (`ChainState`):
 * rows cut off at the end, or a purge that did not go through `purge`, show there.
 */
import { createHash } from 'node:crypto';
import type { AcceptType } from '../../core/consent.js';
import type { ConsentRecord } from '../../core/record.js';

/** The `prevHash` of the very first row. */
export const GENESIS = '0'.repeat(64);

/** A record as it waits to be appended: the banner's record and what the server adds. */
export interface RecordEntry extends ConsentRecord {
  /** The request's `User-Agent` (at most 512 characters), `''` when none. */
  userAgent: string;
  /** The visitor's address, masked or whole, when the site opted in; `null` otherwise. */
  ip: string | null;
  /** sha256 of what the visitor was shown (see `shownOf`). */
  shownHash: string;
  /** How the decision reads in statistics (see `acceptTypeOf`); not part of the hash. */
  choice: AcceptType;
}

/** A record as the store keeps it. */
export interface StoredRecord extends RecordEntry {
  /** Position in the chain: 1, 2, 3… without gaps (a purge removes a prefix). */
  seq: number;
  /** When the server appended it (ISO 8601, the database's clock where it has one). */
  receivedAt: string;
  prevHash: string;
  hash: string;
}

/** The chain's ends: the first row kept (after purges) and the last appended. */
export interface ChainState {
  firstSeq: number;
  firstPrev: string;
  lastSeq: number;
  lastHash: string;
}

/**
 * The accept type a record's lists amount to: nothing optional granted is `necessary`,
 * nothing denied is `all`, anything between is `custom` (whichever button was pressed).
 */
export const acceptTypeOf = (record: Pick<ConsentRecord, 'granted' | 'denied'>): AcceptType =>
  record.granted.length === 0 ? 'necessary' : record.denied.length === 0 ? 'all' : 'custom';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Every field a row keeps, with its column name. All go into the row's hash but `choice`
 * (derived from granted/denied) and the hash itself; the order is the hash's.
 */
export const FIELDS = [
  ['seq', 'seq'],
  ['id', 'id'],
  ['decided_at', 'timestamp'],
  ['revision', 'revision'],
  ['policy_version', 'policyVersion'],
  ['granted', 'granted'],
  ['denied', 'denied'],
  ['source', 'source'],
  ['language', 'language'],
  ['url', 'url'],
  ['received_at', 'receivedAt'],
  ['user_agent', 'userAgent'],
  ['ip', 'ip'],
  ['shown_hash', 'shownHash'],
  ['choice', 'choice'],
  ['prev_hash', 'prevHash'],
  ['hash', 'hash'],
] as const satisfies readonly (readonly [string, keyof StoredRecord])[];

const HASHED = FIELDS.map(([, key]) => key).filter((key) => key !== 'choice' && key !== 'hash') as (keyof Omit<StoredRecord, 'hash' | 'choice'>)[];

export function hashOf(row: Omit<StoredRecord, 'hash' | 'choice'>): string {
  return sha256(JSON.stringify(HASHED.map((key) => row[key])));
}

/** The row that follows `prev` in the chain. */
export function link(entry: RecordEntry, seq: number, prevHash: string, receivedAt: string): StoredRecord {
  const row = { ...entry, seq, receivedAt, prevHash };
  return { ...row, hash: hashOf(row) };
}

/** What tells a re-sent record from a new one: its consent id and decision time. */
export const sameRecordKey = (id: string, timestamp: string): string => JSON.stringify([id, timestamp]);

/**
 * A batch of entries appended to the chain's end, in order, all received at one time. An
 * entry the table already holds (`kept`), or one that came earlier in the batch, is a
 * re-send: `null` in its place, and the next row links past it.
 */
export function linkBatch(
  entries: readonly RecordEntry[],
  end: Pick<ChainState, 'lastSeq' | 'lastHash'>,
  receivedAt: string,
  kept: (entry: RecordEntry) => boolean,
): { rows: (StoredRecord | null)[]; lastSeq: number; lastHash: string } {
  let { lastSeq, lastHash } = end;
  const seen = new Set<string>();
  const rows = entries.map((entry): StoredRecord | null => {
    const key = sameRecordKey(entry.id, entry.timestamp);
    if (seen.has(key) || kept(entry)) return null;
    seen.add(key);
    const row = link(entry, lastSeq + 1, lastHash, receivedAt);
    ({ seq: lastSeq, hash: lastHash } = row);
    return row;
  });
  return { rows, lastSeq, lastHash };
}

export interface ChainProblem {
  seq: number;
  kind: 'edited' | 'missing' | 'relinked' | 'truncated' | 'head';
  message: string;
}

/**
 * Walks rows in `seq` order and says what does not hold. Fed one row at a time so a
 * table of millions is checked in bounded memory.
 */
export class ChainCheck {
  readonly problems: ChainProblem[] = [];
  checked = 0;
  #expectSeq: number;
  #prev: string;

  constructor(readonly state: ChainState) {
    this.#expectSeq = state.firstSeq;
    this.#prev = state.firstPrev;
  }

  #report(problem: ChainProblem): void {
    if (this.problems.length < 100) this.problems.push(problem);
  }

  row(row: StoredRecord): void {
    this.checked += 1;
    if (row.seq !== this.#expectSeq) {
      const gap = row.seq - this.#expectSeq;
      this.#report({
        seq: this.#expectSeq,
        kind: 'missing',
        message:
          gap > 0
            ? `row${gap > 1 ? 's' : ''} ${this.#expectSeq}${gap > 1 ? `–${row.seq - 1}` : ''} missing (deleted?)`
            : `row ${row.seq} out of order`,
      });
    }
    if (hashOf(row) !== row.hash) {
      this.#report({ seq: row.seq, kind: 'edited', message: `row ${row.seq} (consent ${row.id}) does not match its hash: edited` });
    } else if (row.prevHash !== this.#prev && row.seq === this.#expectSeq) {
      this.#report({ seq: row.seq, kind: 'relinked', message: `row ${row.seq} does not link to the row before it: a row before it was changed or replaced` });
    }
    this.#expectSeq = row.seq + 1;
    this.#prev = row.hash;
  }

  finish(): ChainProblem[] {
    const { lastSeq, lastHash } = this.state;
    if (this.#expectSeq - 1 < lastSeq) {
      this.#report({ seq: this.#expectSeq, kind: 'truncated', message: `rows ${this.#expectSeq}–${lastSeq} missing at the end (deleted?)` });
    } else if (this.#expectSeq - 1 > lastSeq || (this.checked > 0 && this.#prev !== lastHash)) {
      this.#report({ seq: lastSeq, kind: 'head', message: `the last row does not match the chain's recorded end (row ${lastSeq})` });
    }
    return this.problems;
  }
}
