/** A consent record as the banner sends it, for the record stores' tests (pure: no engine needed). */
let serial = 0;
/** A valid record as the banner sends it; `n` varies the id. */
export function record(n = (serial += 1), overrides: Record<string, unknown> = {}) {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `0b1c2d3e-4f50-4617-8283-${hex}`,
    timestamp: new Date(Date.UTC(2026, 10, 25, 12, 0, 0) + n * 1000).toISOString(),
    revision: '3',
    policyVersion: '2026-11-25',
    granted: ['analytics'],
    denied: ['preferences', 'marketing'],
    source: 'user' as const,
    language: 'lv',
    url: 'https://ankravs.lv/pakalpojumi',
    ...overrides,
  };
}
