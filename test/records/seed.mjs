/** Records for the dashboard and CLI tests: a fortnight of decisions with known counts. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore } from '../../dist/server.js';

export const ALL = { granted: ['preferences', 'analytics', 'marketing'], denied: [] };
export const NONE = { granted: [], denied: ['preferences', 'analytics', 'marketing'] };
export const SOME = { granted: ['preferences', 'analytics'], denied: ['marketing'] };
export const LITTLE = { granted: ['preferences'], denied: ['analytics', 'marketing'] };

export const idOf = (n) => `0b1c2d3e-4f50-4617-8283-${n.toString(16).padStart(12, '0')}`;

export const record = (n, choice, time) => ({
  id: idOf(n),
  timestamp: new Date(time).toISOString(),
  revision: '1',
  policyVersion: '2026-11-25',
  ...choice,
  source: 'user',
  language: ['lv', 'en', 'ru'][n % 3],
  url: 'https://ankravs.lv/pakalpojumi',
});

/**
 * Day d (0 = 13 days ago … 13 = today): 2 + d accept all, 3 refuse, and d % 4 custom
 * (alternately preferences + analytics and preferences alone).
 * Returns the store (open) and the plan, day by day.
 */
export async function seedFortnight(path = join(mkdtempSync(join(tmpdir(), 'piekritu-seed-')), 'consent.db')) {
  let clock = new Date();
  const store = sqliteStore(path, { clock: () => clock });
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const plan = [];
  let n = 0;
  for (let d = 0; d < 14; d += 1) {
    const day = today - (13 - d) * 86_400_000;
    const counts = { all: 2 + d, necessary: 3, custom: d % 4 };
    plan.push({ day: new Date(day).toISOString().slice(0, 10), ...counts });
    const choices = [...Array(counts.all).fill(ALL), ...Array(counts.necessary).fill(NONE), ...Array.from({ length: counts.custom }, (_, i) => (i % 2 ? LITTLE : SOME))];
    for (const choice of choices) {
      n += 1;
      clock = new Date(day + 3_600_000 + n * 1000);
      await store.append(record(n, choice, clock.getTime() - 500));
    }
  }
  return { store, path, plan, count: n };
}
