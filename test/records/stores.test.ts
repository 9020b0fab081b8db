import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import lvTexts from '../../locales/lv.json';
import lvPolicy from '../../locales/policy/lv.json';
import { consentHandler } from '../../src/server/consent-handler.js';
import { hashOf, sha256 } from '../../src/server/records/chain.js';
import { exportRecords } from '../../src/server/records/export.js';
import { loadDriver } from '../../src/server/records/store.js';
import { ENGINES, type Fresh } from './engines.js';
import { record } from './record.js';

async function listen(handle: ReturnType<typeof consentHandler>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/consent` };
}
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

/** Collects what a stream is given, with a small buffer so backpressure happens. */
function sink() {
  const chunks: string[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      setImmediate(done);
    },
  });
  return { out, text: () => chunks.join('') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const engine of ENGINES) describe.skipIf(Boolean(engine.skip))(engine.skip ? `${engine.name} store, skipped: ${engine.skip}` : `${engine.name} store`, () => {
  let db: Fresh;
  beforeEach(async () => {
    db = await engine.fresh();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('keeps a record through the handler: receipt time, page, user agent, no address unless asked, and what was shown', async () => {
    const { server, url } = await listen(consentHandler({ store: db.store }));
    const sent = record(1);
    const before = new Date().toISOString();
    const response = await post(url, sent, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Test/1' });
    expect(response.status).toBe(204);
    server.close();
    const [kept, ...more] = await db.store.lookup(sent.id);
    expect(more).toEqual([]);
    expect(kept).toMatchObject({ ...sent, seq: 1, choice: 'custom', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Test/1', ip: null });
    expect(kept.receivedAt >= before.slice(0, 19)).toBe(true);
    expect(Date.parse(kept.receivedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    // The wording: the Latvian texts and policy, the categories offered, the policy version.
    const shown = JSON.parse((await db.store.shown(kept.shownHash))!);
    expect(sha256((await db.store.shown(kept.shownHash))!)).toBe(kept.shownHash);
    expect(shown.texts.banner['banner.title']).toBe(lvTexts.banner['banner.title']);
    expect(shown.policy.sections[0].blocks).toEqual(lvPolicy.sections[0].blocks);
    expect(shown).toMatchObject({ language: 'lv', categories: ['analytics', 'marketing', 'preferences'], policyVersion: '2026-11-25' });
  });

  it('a different language or policy version is a different hash; an unknown policy version keeps no policy text', async () => {
    await db.store.append(record(1));
    await db.store.append(record(2, { language: 'en' }));
    await db.store.append(record(3, { policyVersion: '2027-01-01' }));
    await db.store.append(record(4));
    const rows = await db.store.latest(10);
    const hashes = rows.reverse().map((row) => row.shownHash);
    expect(new Set(hashes).size).toBe(3);
    expect(hashes[3]).toBe(hashes[0]);
    expect(JSON.parse((await db.store.shown(hashes[2]))!).policy).toBeNull();
  });

  it('keeps the address only when asked: masked to /24 or /48 by default, whole with ip: "full"', async () => {
    const masked = db.another({ ip: 'masked', trustProxy: true });
    const full = db.another({ ip: 'full' });
    const a = await listen(consentHandler({ store: masked }));
    const b = await listen(consentHandler({ store: full }));
    expect((await post(a.url, record(1), { 'x-forwarded-for': '203.0.113.77, 10.0.0.1' })).status).toBe(204);
    expect((await post(a.url, record(2), { 'x-forwarded-for': '2001:db8:85a3:8d3:1319:8a2e:370:7348' })).status).toBe(204);
    expect((await post(b.url, record(3))).status).toBe(204);
    a.server.close();
    b.server.close();
    expect((await db.store.lookup(record(1).id))[0].ip).toBe('203.0.113.0');
    expect((await db.store.lookup(record(2).id))[0].ip).toBe('2001:db8:85a3::');
    expect((await db.store.lookup(record(3).id))[0].ip).toBe('127.0.0.1');
  });

  it('a record sent again (same id and timestamp) is kept once; a later decision of the same visitor is a new row', async () => {
    expect(await db.store.append(record(1))).toEqual({ stored: true, seq: 1 });
    expect(await db.store.append(record(1))).toEqual({ stored: false, seq: null });
    const later = record(1, { timestamp: new Date(Date.UTC(2026, 10, 26)).toISOString(), granted: [], denied: ['preferences', 'analytics', 'marketing'] });
    expect(await db.store.append(later)).toEqual({ stored: true, seq: 2 });
    const rows = await db.store.lookup(record(1).id);
    expect(rows.map((row) => [row.seq, row.choice])).toEqual([
      [1, 'custom'],
      [2, 'necessary'],
    ]);
    expect((await db.store.verify()).ok).toBe(true);
  });

  it('the same record twice in one batch (two requests at once) is kept once, and the chain links past it', async () => {
    const results = await Promise.all([db.store.append(record(1)), db.store.append(record(1)), db.store.append(record(2))]);
    expect(results).toEqual([
      { stored: true, seq: 1 },
      { stored: false, seq: null },
      { stored: true, seq: 2 },
    ]);
    expect(await db.store.verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it('concurrent appends, from one store and from a second server, build one unbroken chain', async () => {
    const second = db.another();
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => (i % 2 ? second : db.store).append(record(i + 1, { granted: i % 3 ? ['analytics'] : [] }))),
    );
    expect(results.every((result) => result.stored)).toBe(true);
    expect(new Set(results.map((result) => result.seq)).size).toBe(120);
    const verdict = await db.store.verify();
    expect(verdict).toMatchObject({ ok: true, checked: 120, problems: [] });
    expect(verdict.chain.lastSeq).toBe(120);
  });

  describe('verify', () => {
    beforeEach(async () => {
      for (let n = 1; n <= 6; n += 1) await db.store.append(record(n));
      expect((await db.store.verify()).ok).toBe(true);
    });

    it('finds a row edited with SQL', async () => {
      await db.raw(`UPDATE piekritu_records SET granted = '["analytics","marketing"]', denied = '["preferences"]' WHERE seq = 3`);
      const verdict = await db.store.verify();
      expect(verdict.ok).toBe(false);
      expect(verdict.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'edited' })]);
    });

    it('finds an edited row whose hash was recomputed to match: the next row no longer links to it', async () => {
      const [row] = (await db.store.lookup(record(3).id)).map((kept) => ({ ...kept, url: 'https://ankravs.lv/other' }));
      await db.raw(`UPDATE piekritu_records SET url = ?, hash = ? WHERE seq = 3`, [row.url, hashOf(row)]);
      const verdict = await db.store.verify();
      expect(verdict.problems).toEqual([expect.objectContaining({ seq: 4, kind: 'relinked' })]);
    });

    it('finds a deleted row, in the middle or at the end', async () => {
      await db.raw('DELETE FROM piekritu_records WHERE seq = 2');
      expect((await db.store.verify()).problems).toEqual([expect.objectContaining({ seq: 2, kind: 'missing' })]);
      await db.raw('DELETE FROM piekritu_records WHERE seq = 6');
      expect((await db.store.verify()).problems).toEqual([
        expect.objectContaining({ seq: 2, kind: 'missing' }),
        expect.objectContaining({ seq: 6, kind: 'truncated' }),
      ]);
    });

    it('finds the oldest rows deleted by hand rather than by purge', async () => {
      await db.raw('DELETE FROM piekritu_records WHERE seq <= 2');
      expect((await db.store.verify()).problems).toEqual([expect.objectContaining({ seq: 1, kind: 'missing' })]);
    });
  });

  it('reads and verifies rows kept by earlier versions: the hash input and the columns are the same bytes as ever', async () => {
    // Two rows and the chain's end as a database of 0.1 holds them; the hashes are sha256 of
    // the JSON array of seq, id, timestamp, revision, policyVersion, granted, denied, source,
    // language, url, receivedAt, userAgent, ip, shownHash and prevHash, written here as
    // literals so that a change to what the hash covers fails this test.
    const shownHash = sha256('shown');
    const kept = [
      {
        seq: 1, id: '0b1c2d3e-4f50-4617-8283-000000000001', timestamp: '2026-11-25T12:00:01.000Z', revision: '3',
        policyVersion: '2026-11-25', granted: ['analytics'], denied: ['preferences', 'marketing'], source: 'user', language: 'lv',
        url: 'https://ankravs.lv/pakalpojumi', receivedAt: '2026-11-25T12:00:02.000Z', userAgent: 'Mozilla/5.0 Test', ip: null,
        shownHash, choice: 'custom', prevHash: '0'.repeat(64), hash: '1be848b78e68e41f07fc29f121d39946143fe5a78af8045169dba157a38d61e4',
      },
      {
        seq: 2, id: '0b1c2d3e-4f50-4617-8283-000000000002', timestamp: '2026-11-25T12:00:03.000Z', revision: '3',
        policyVersion: '2026-11-25', granted: [], denied: ['preferences', 'analytics', 'marketing'], source: 'gpc', language: 'en',
        url: 'https://ankravs.lv/', receivedAt: '2026-11-25T12:00:04.000Z', userAgent: '', ip: '203.0.113.0',
        shownHash, choice: 'necessary', prevHash: '1be848b78e68e41f07fc29f121d39946143fe5a78af8045169dba157a38d61e4',
        hash: 'b71c45c15afa229a4cfbfec8b85d6dd09a40e5bae581459595162d35390b5688',
      },
    ];
    await db.store.ready();
    for (const row of kept) {
      await db.raw(
        `INSERT INTO piekritu_records (seq, id, decided_at, revision, policy_version, granted, denied, source, language, url,
           received_at, user_agent, ip, shown_hash, choice, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.seq, row.id, row.timestamp, row.revision, row.policyVersion, JSON.stringify(row.granted), JSON.stringify(row.denied), row.source,
          row.language, row.url, row.receivedAt, row.userAgent, row.ip, row.shownHash, row.choice, row.prevHash, row.hash],
      );
    }
    await db.raw('UPDATE piekritu_chain SET last_seq = ?, last_hash = ? WHERE key = 1', [2, kept[1].hash]);
    expect(await db.store.verify()).toMatchObject({ ok: true, checked: 2, problems: [] });
    expect(await db.store.lookup(kept[0].id)).toEqual([kept[0]]);
    expect(await db.store.lookup(kept[1].id)).toEqual([kept[1]]);
    // New appends link on from the old chain's end.
    expect(await db.store.append(record(3))).toEqual({ stored: true, seq: 3 });
    expect((await db.store.lookup(record(3).id))[0].prevHash).toBe(kept[1].hash);
    expect(await db.store.verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('purges what was received before a time, keeps the rest, and the chain still verifies', async () => {
    for (let n = 1; n <= 3; n += 1) await db.store.append(record(n));
    await sleep(20);
    const cutoff = new Date().toISOString();
    await sleep(20);
    for (let n = 4; n <= 5; n += 1) await db.store.append(record(n));
    const progress: number[][] = [];
    expect(await db.store.purge(cutoff, (done, total) => progress.push([done, total]))).toEqual({ deleted: 3 });
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(await db.store.lookup(record(1).id)).toEqual([]);
    expect((await db.store.lookup(record(4).id)).length).toBe(1);
    expect(await db.store.verify()).toMatchObject({ ok: true, checked: 2, chain: { firstSeq: 4, lastSeq: 5 } });
    // Nothing older left: a second purge deletes nothing; appends go on from the chain's end.
    expect(await db.store.purge(cutoff)).toEqual({ deleted: 0 });
    await db.store.append(record(6));
    expect((await db.store.verify()).ok).toBe(true);
    // Everything purged: the chain is empty and still whole.
    expect(await db.store.purge(new Date(Date.now() + 60_000))).toEqual({ deleted: 3 });
    expect(await db.store.verify()).toMatchObject({ ok: true, checked: 0 });
    await db.store.append(record(7));
    expect(await db.store.verify()).toMatchObject({ ok: true, checked: 1, chain: { firstSeq: 7, lastSeq: 7 } });
  });

  it('counts accept-all, refuse-all and custom per day, and each category grant rate', async () => {
    const all = { granted: ['preferences', 'analytics', 'marketing'], denied: [] };
    const none = { granted: [], denied: ['preferences', 'analytics', 'marketing'] };
    const some = { granted: ['analytics'], denied: ['preferences', 'marketing'] };
    const plan = [all, all, all, none, some, { granted: ['analytics'], denied: ['marketing'] }];
    for (const [n, choice] of plan.entries()) await db.store.append(record(n + 1, choice));
    const stats = await db.store.stats();
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.days.map((day) => day.day)).toEqual([today]);
    expect(stats.totals).toEqual({
      total: 6,
      all: 3,
      necessary: 1,
      custom: 2,
      categories: {
        preferences: { offered: 5, granted: 3 },
        analytics: { offered: 6, granted: 5 },
        marketing: { offered: 6, granted: 3 },
      },
    });
    expect(stats.days[0]).toEqual({ day: today, ...stats.totals });
    expect((await db.store.stats({ to: '2020-01-01' })).totals.total).toBe(0);
  });

  it('exports a period as CSV and JSON Lines through a slow stream, with progress', async () => {
    for (let n = 1; n <= 2500; n += 1) {
      void db.store.append(record(n, n === 7 ? { url: 'https://ankravs.lv/a,"b"' } : {}));
    }
    await db.store.append(record(2501));
    const csv = sink();
    const seen: number[] = [];
    const count = await exportRecords(db.store, csv.out, { format: 'csv', progress: (done) => seen.push(done), every: 1000 });
    expect(count).toBe(2501);
    expect(seen).toEqual([1000, 2000, 2501]);
    const lines = csv.text().trimEnd().split('\r\n');
    expect(lines.length).toBe(2502);
    expect(lines[0]).toBe('seq,id,timestamp,receivedAt,choice,granted,denied,source,revision,policyVersion,language,url,userAgent,ip,shownHash,prevHash,hash');
    expect(lines[1]).toMatch(/^1,0b1c2d3e-4f50-4617-8283-000000000001,2026-11-25T12:00:01\.000Z,\S+,custom,analytics,preferences marketing,user,3,/);
    expect(lines[7]).toContain(',"https://ankravs.lv/a,""b""",');

    const jsonl = sink();
    const today = new Date().toISOString().slice(0, 10);
    expect(await exportRecords(db.store, jsonl.out, { format: 'jsonl', period: { from: today, to: today } })).toBe(2501);
    const rows = jsonl.text().trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 2501 }, (_, i) => i + 1));
    expect(await exportRecords(db.store, sink().out, { format: 'jsonl', period: { to: '2020-01-01' } })).toBe(0);
  });
});

describe('optional drivers', () => {
  it('a missing driver is named, with the command that installs it', async () => {
    await expect(
      loadDriver('better-sqlite3', '12', () => import('piekritu-no-such-driver' as string), 'sqliteStore'),
    ).rejects.toThrow('sqliteStore needs the "better-sqlite3" package, an optional dependency of piekritu: npm install better-sqlite3@12');
  });
});
