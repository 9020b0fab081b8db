/** How long records are kept, and what one step of a purge takes from the chain. */
import type { ChainState } from './chain.js';

/**
 * How long records are kept. The default, 3 years after receipt, covers the longest a choice
 * lasts (`cookie-days` is capped at 395 days) and then about two more years in which a
 * complaint or an authority's inquiry about that period can still arrive. Sites whose
 * limitation period is longer set their own.
 */
export const DEFAULT_RETENTION = '3y';

/** `400d`, `18m`, `3y` → the instant before which records go (months and years by the calendar, UTC). */
export function retentionCutoff(period: string, now: Date): Date {
  const match = /^(\d{1,4})([dmy])$/.exec(period.trim());
  if (!match || Number(match[1]) === 0) throw new RangeError(`retention "${period}": a number and d, m or y, e.g. 400d, 18m, 3y`);
  const n = Number(match[1]);
  const cutoff = new Date(now.getTime());
  if (match[2] === 'd') cutoff.setUTCDate(cutoff.getUTCDate() - n);
  else if (match[2] === 'm') cutoff.setUTCMonth(cutoff.getUTCMonth() - n);
  else cutoff.setUTCFullYear(cutoff.getUTCFullYear() - n);
  return cutoff;
}

/** A row as a purge reads it: its place in the chain, when it came, and its two links. */
export interface PurgeRow {
  seq: number;
  receivedAt: string;
  prevHash: string;
  hash: string;
}

export const purgeRowOf = (row: Record<string, unknown>): PurgeRow => ({
  seq: Number(row.seq),
  receivedAt: String(row.received_at),
  prevHash: String(row.prev_hash),
  hash: String(row.hash),
});

/** One step of a purge: every row before `firstSeq` goes, and the chain starts again there. */
export interface PurgeCut {
  firstSeq: number;
  /** The hash the new first row links to (the last row deleted): where `verify` starts. */
  firstPrev: string;
  deleted: number;
}

/**
 * What one step of a purge deletes, decided the same way on every engine; `null` when
 * nothing goes. `oldest` is the chain's first `limit + 1` rows by `seq`: a batch of `limit`,
 * and the row after it, whose link the chain keeps when the whole batch goes. Only a prefix
 * of the chain is cut: the batch's rows received before `before`, up to the first row that
 * was not (rows after it stay, however old).
 */
export function purgeCut(chain: ChainState, oldest: readonly PurgeRow[], before: string, limit: number): PurgeCut | null {
  const batch = oldest.slice(0, limit);
  const kept = batch.findIndex((row) => row.receivedAt >= before);
  const removed = kept === -1 ? batch : batch.slice(0, kept);
  if (removed.length === 0) return null;
  const last = removed[removed.length - 1];
  // The chain starts again at the first row kept; after a whole batch, at the row that
  // follows it; when the batch was the rest of the table, past the chain's end.
  const firstSeq = kept !== -1 ? batch[kept].seq : batch.length < limit ? chain.lastSeq + 1 : last.seq + 1;
  const firstPrev =
    firstSeq > chain.lastSeq ? chain.lastHash : (oldest.find((row) => row.seq === firstSeq)?.prevHash ?? last.hash);
  return { firstSeq, firstPrev, deleted: removed.length };
}
