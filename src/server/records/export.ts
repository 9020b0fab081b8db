/// <reference types="node" />
/**
 * Records of a period as CSV or JSON Lines, written to a stream page by page: memory stays
 * bounded whatever the period holds, and a slow reader (a download over a thin line) holds
 * the database reads back instead of piling rows up in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { StoredRecord } from './chain.js';
import type { Period, Progress, RecordStore } from './store.js';

export type ExportFormat = 'csv' | 'jsonl';

export const CSV_COLUMNS = [
  'seq',
  'id',
  'timestamp',
  'receivedAt',
  'choice',
  'granted',
  'denied',
  'source',
  'revision',
  'policyVersion',
  'language',
  'url',
  'userAgent',
  'ip',
  'shownHash',
  'prevHash',
  'hash',
] as const;

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: unknown): string {
  let text = Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (row: StoredRecord): string => `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
export const jsonLine = (row: StoredRecord): string => `${JSON.stringify(row)}\n`;

export interface ExportOptions {
  format: ExportFormat;
  period?: Period;
  /** Called every `every` records and at the end with (done, total). */
  progress?: Progress;
  every?: number;
}

/** Writes the records and resolves with how many; does not end `out`. */
export async function exportRecords(store: RecordStore, out: Writable, options: ExportOptions): Promise<number> {
  const line = options.format === 'csv' ? csvLine : jsonLine;
  const total = options.progress ? await store.count(options.period) : 0;
  const every = options.every ?? 10_000;
  let done = 0;
  let pending = options.format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
  for await (const row of store.iterate(options.period)) {
    pending += line(row);
    done += 1;
    // Written in slices of ~64 kB; waits whenever the stream says its buffer is full.
    if (pending.length >= 65_536) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
    if (options.progress && done % every === 0) options.progress(done, total);
  }
  if (pending && !out.write(pending)) await once(out, 'drain');
  options.progress?.(done, total);
  return done;
}
