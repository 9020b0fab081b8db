/**
 * Proof of consent: each decision's record goes to the site's `log-endpoint`. A record
 * is queued in localStorage before it is sent and leaves the queue only when the server
 * answered 2xx, so a network error, a 5xx or a tab closed mid-request means it is sent
 * again on a later page load. Servers deduplicate by `id` + `timestamp`.
 *
 * Records go one at a time, oldest first, and a newer decision's waits for the answer to an
 * older one: the server re-issues the consent cookie only for the newest decision the
 * request carries, so each answer is read against the cookie as it stands (see cookies.ts).
 */
import { RECORDS_QUEUE as QUEUE_KEY, type ConsentRecord } from '../core/record.js';

/** A visitor offline for months must not grow storage without end. */
const MAX_QUEUED = 20;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const same = (a: ConsentRecord, b: ConsentRecord) => a.id === b.id && a.timestamp === b.timestamp;

/** Where records wait when localStorage is blocked or full: this page view, at least, still sends them. */
let unstored: ConsentRecord[] = [];

const byTime = (a: ConsentRecord, b: ConsentRecord): number => Date.parse(a.timestamp) - Date.parse(b.timestamp);

/** Oldest first. */
function readQueue(store: Storage | undefined): ConsentRecord[] {
  let stored: ConsentRecord[] = [];
  try {
    const parsed: unknown = JSON.parse(store?.getItem(QUEUE_KEY) ?? '[]');
    if (Array.isArray(parsed)) stored = parsed as ConsentRecord[];
  } catch {
    // Unreadable: only what this page view kept.
  }
  return [...stored, ...unstored.filter((record) => !stored.some((kept) => same(kept, record)))].sort(byTime);
}

function writeQueue(store: Storage | undefined, records: ConsentRecord[]): void {
  const kept = records.slice(-MAX_QUEUED);
  try {
    if (!store) throw new Error('no localStorage');
    if (kept.length === 0) store.removeItem(QUEUE_KEY);
    else store.setItem(QUEUE_KEY, JSON.stringify(kept));
    unstored = [];
  } catch {
    // Storage blocked or full: keep them in memory, to be sent from this page view.
    unstored = kept;
  }
}

async function deliver(endpoint: string, record: ConsentRecord): Promise<boolean> {
  const body = JSON.stringify(record);
  if (typeof fetch === 'function') {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        body,
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
      });
      return response.ok;
    } catch {
      return false;
    }
  }
  try {
    return navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }));
  } catch {
    return false;
  }
}

/** The sending under way in this page view: the next one starts when it is done. */
let sending: Promise<unknown> = Promise.resolve();

/**
 * Send every queued record, after any sending already under way; resolves with how many the
 * server took. After each answer (its `Set-Cookie`, if any, in place) the consent cookie is
 * kept at the newest decision.
 */
export function flushRecords(endpoint: string, jar?: { keepNewest(): void }): Promise<number> {
  const run = sending.then(async () => {
    const store = storage();
    let sent = 0;
    for (const record of readQueue(store)) {
      const taken = await deliver(endpoint, record);
      jar?.keepNewest();
      if (!taken) continue;
      sent += 1;
      writeQueue(store, readQueue(store).filter((queued) => !same(queued, record)));
    }
    return sent;
  });
  sending = run.catch(() => 0);
  return run;
}

/** The newest decision still waiting for the server, if any. */
export const newestQueued = (): ConsentRecord | undefined => readQueue(storage()).at(-1);

/**
 * Keep a record until the server has it. Written before anything is sent, so a tab closed
 * right after the click still has it on the next visit.
 */
export function queueRecord(record: ConsentRecord): void {
  const store = storage();
  writeQueue(store, [...readQueue(store), record]);
}

export const hasQueuedRecords = (): boolean => readQueue(storage()).length > 0;
