/**
 * ConsentStore with an injected cookie reader: what it warns about, and what a reload (a
 * decision in another tab, or the runtime connecting late) reports as a change.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { encode } from '../../src/core/codec.js';
import { DEFAULT_CATEGORIES, type ConsentContext } from '../../src/core/consent.js';
import { ConsentStore } from '../../src/platform/store.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const CTX: ConsentContext = { offered: DEFAULT_CATEGORIES, revision: '1', policyVersion: '2026-11-25', gpc: false };

const stored = (id: string, granted: string[]) =>
  encode({
    id,
    timestamp: NOW,
    revision: '1',
    policyVersion: '2026-11-25',
    granted,
    denied: DEFAULT_CATEGORIES.filter((name) => !granted.includes(name)),
    source: 'user',
  });

describe('ConsentStore', () => {
  let warn: MockInstance<typeof console.warn>;
  let cookie: string | undefined;
  const store = () => new ConsentStore(CTX, { read: () => cookie, maxAgeDays: 180, now: () => NOW, newId: () => 'new-id' });

  beforeEach(() => {
    cookie = undefined;
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => warn.mockRestore());

  it('warns once per unreadable value, however often it is read again', () => {
    cookie = 'v=0&garbage';
    const consent = store();
    expect(consent.load().decided).toBe(false);
    expect(consent.reload()).toBeNull();
    expect(consent.reload()).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^piekritu: the stored choice could not be read/);

    cookie = '{"json":true}';
    consent.reload();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('says nothing when there is no cookie, or a readable one', () => {
    const consent = store();
    consent.load();
    cookie = stored('other-tab', ['analytics']);
    consent.reload();
    expect(warn).not.toHaveBeenCalled();
  });

  it('a reload reports what another tab decided, and nothing when the cookie is the same', () => {
    const consent = store();
    consent.load();
    expect(consent.reload()).toBeNull();
    cookie = stored('other-tab', ['analytics']);
    const change = consent.reload();
    expect(change?.consent.decided).toBe(true);
    expect(change?.consent.id).toBe('other-tab');
    expect(change?.changed).toEqual(['analytics']);
    expect(change?.withdrawn).toEqual([]);
    // Already stored by the other tab: nothing for this tab to write.
    expect(change?.value).toBeUndefined();
    expect(consent.reload()).toBeNull();
  });

  it('a decision reports what changed and what was withdrawn (granted before, not now)', () => {
    cookie = stored('earlier-tab', ['preferences', 'analytics']);
    const consent = store();
    consent.load();
    const change = consent.decide('custom', ['preferences', 'marketing']);
    expect(change.changed.sort()).toEqual(['analytics', 'marketing']);
    expect(change.withdrawn).toEqual(['analytics']);
    expect(consent.reset().withdrawn.sort()).toEqual(['marketing', 'preferences']);
  });
});
