/**
 * Plain-text tables and number formats shared by `npm run size` and `npm run bench`:
 * their output is read in CI logs, so columns must line up without any colour or library.
 */

/** Bytes with thousands separators: exact numbers are what a budget is compared against. */
export const bytes = (value) => (value == null ? '–' : Math.round(value).toLocaleString('en-US'));

/** Decimal kilobytes (1 kB = 1000 B), as package sites and the peers' own figures quote them. */
export const kB = (value) => (value == null ? '–' : `${(value / 1000).toFixed(1)} kB`);

export const ms = (value, digits = 1) => (value == null || Number.isNaN(value) ? '–' : `${value.toFixed(digits)} ms`);

export const ratio = (value) => (value == null || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}×`);

/**
 * Render rows (arrays of cells) under a header row. Columns listed in `right` are
 * right-aligned (numbers); a row that is `null` becomes a rule.
 */
export function table(header, rows, { right = [] } = {}) {
  const all = [header, ...rows.filter(Boolean)].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  const line = (row) =>
    row
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(all[0]), rule, ...rows.map((row) => (row ? line(row.map((cell) => String(cell ?? ''))) : rule))].join('\n');
}
