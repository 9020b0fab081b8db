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
