/** The audit as the terminal shows it: a few tables, the draft declaration, a verdict. */
import { lifetime } from './declaration.js';
import type { CookieFinding, Report, ViolationKind } from './report.js';

export const KIND_LABEL: Record<ViolationKind, string> = {
  'cookie-before-consent': 'cookie before consent',
  'storage-before-consent': 'storage before consent',
  'request-before-consent': 'request before consent',
  'cookie-after-reject': 'cookie after reject',
  'storage-after-reject': 'storage after reject',
  'request-after-reject': 'request after reject',
  'cookie-after-withdrawal': 'cookie after withdrawal',
  'no-settings-link': 'no settings link',
  'settings-link-broken': 'settings link broken',
  'no-element': 'no banner element',
  'consent-mode-order': 'Consent Mode order',
};

/** Addresses on the audited origin lose the origin; the rest stay whole. */
export const shorten = (text: string, origin: string): string => (text === origin ? '/' : text.split(origin).join(''));

const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

export function table(head: string[], rows: string[][], widest = 60): string {
  const widths = head.map((title, i) => Math.min(widest, Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length))));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => clip(cell, widths[i]).padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(head), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}

export function cookieRow(category: string, cookie: CookieFinding, origin: string, now: number): string[] {
  return [
    category,
    cookie.name,
    cookie.domain,
    cookie.path,
    lifetime(cookie.expires, now),
    cookie.httpOnly ? 'yes' : 'no',
    cookie.thirdParty ? 'third' : 'first',
    shorten(cookie.setBy, origin),
  ];
}

export const COOKIE_HEAD = ['category', 'cookie', 'domain', 'path', 'expires', 'HttpOnly', 'party', 'set by'];

/** One row per check: what was tried and how many violations it found. */
export function summary(report: Report): string[][] {
  const count = (kinds: ViolationKind[]) => report.violations.filter((v) => kinds.includes(v.kind)).length;
  const verdict = (kinds: ViolationKind[], what: string) => {
    const n = count(kinds);
    return n === 0 ? '✓' : `✗ ${n} ${what}`;
  };
  const rows = [
    ['before any choice', verdict(['cookie-before-consent', 'storage-before-consent', 'request-before-consent'], 'cookie(s), key(s) or request(s)')],
    ...report.categories.map((category) => {
      const seen = report.byCategory[category];
      return [`only ${category} accepted`, `${seen?.cookies.length ?? 0} cookie(s), ${seen?.storage.length ?? 0} key(s), ${seen?.requests.length ?? 0} third-party host(s)`];
    }),
    ['everything refused', verdict(['cookie-after-reject', 'storage-after-reject', 'request-after-reject'], 'set anyway')],
    ['accepted, then withdrawn', verdict(['cookie-after-withdrawal'], 'cookie(s) left')],
    ['settings link on every page', verdict(['no-settings-link', 'settings-link-broken', 'no-element'], `of ${report.pages.length} page(s) without a working one`)],
  ];
  if (report.consentMode) rows.push(['Consent Mode default first', verdict(['consent-mode-order'], 'page(s) where a Google tag came first')]);
  return rows;
}

export function textReport(report: Report): string {
  const origin = new URL(report.pages[0]?.url ?? report.url).origin;
  const now = Date.parse(report.date);
  const out: string[] = [];
  out.push(`piekritu audit of ${report.url}`);
  out.push(`site ${report.site} · ${report.pages.length} page(s) · categories: ${report.categories.join(', ') || 'none'} · consent cookie "${report.consentCookie}"`);
  out.push('');
  out.push('SUMMARY');
  out.push(table(['check', 'result'], summary(report)));
  out.push('');
  if (report.violations.length > 0) {
    out.push(`VIOLATIONS (${report.violations.length})`);
    for (const v of report.violations) {
      out.push(`  ✗ ${KIND_LABEL[v.kind]}: ${shorten(v.subject, origin)} — ${v.detail}`);
      const where = [v.page && v.page !== v.subject ? `on ${shorten(v.page, origin)}` : '', v.cause ? `caused by ${shorten(v.cause, origin)}` : ''].filter(Boolean);
      if (where.length) out.push(`      ${where.join(' · ')}`);
    }
    out.push('');
  }
  const rows: string[][] = [];
  for (const cookie of report.necessary) rows.push(cookieRow('necessary', cookie, origin, now));
  for (const category of report.categories) for (const cookie of report.byCategory[category]?.cookies ?? []) rows.push(cookieRow(category, cookie, origin, now));
  out.push('COOKIES BY CATEGORY (each category accepted alone, in a fresh browser)');
  out.push(rows.length ? table(COOKIE_HEAD, rows) : '  none');
  const storage = report.categories.flatMap((category) => (report.byCategory[category]?.storage ?? []).map((item) => [category, `${item.area}.${item.key}`, shorten(item.setBy, origin) || '—']));
  const hosts = report.categories.flatMap((category) => (report.byCategory[category]?.requests ?? []).map((request) => [category, new URL(request.url).hostname, shorten(request.initiator, origin) || '—']));
  if (storage.length) out.push('', 'STORAGE BY CATEGORY', table(['category', 'key', 'written by'], storage));
  if (hosts.length) out.push('', 'THIRD PARTIES BY CATEGORY', table(['category', 'host', 'started by'], hosts));
  out.push('');
  out.push('SETTINGS LINK (data-piekritu-open) ON EVERY PAGE');
  out.push(report.pages.map((page) => `  ${page.settingsLink ? '✓' : '✗'} ${shorten(page.url, origin)}`).join('\n'));
  if (report.consentMode) {
    out.push('', 'CONSENT MODE: default before any Google tag request');
    out.push(
      report.consentMode
        .map((result) => `  ${result.ok ? '✓' : '✗'} ${shorten(result.page, origin)}${result.firstGoogleRequest ? '' : ' (no Google tag request seen)'}`)
        .join('\n'),
    );
  }
  if (report.warnings.length) out.push('', 'WARNINGS', ...report.warnings.map((warning) => `  ! ${warning}`));
  out.push('', 'DRAFT DECLARATION (paste into the page; fill in each TODO)', report.declaration.block);
  if (report.declaration.scripts.length) {
    out.push('', 'data-cookies for the gated elements:');
    for (const script of report.declaration.scripts) {
      const changed = script.before !== script.dataCookies ? `   (now: ${script.before === null ? 'none' : `"${script.before}"`})` : '';
      out.push(`  ${shorten(script.element, origin)}  data-cookies="${script.dataCookies}"${changed}`);
    }
  }
  if (report.declaration.notDeletable.length) out.push(`  other sites' cookies (a page cannot delete them): ${report.declaration.notDeletable.join(', ')}`);
  out.push('');
  out.push(`${report.violations.length ? `✗ ${report.violations.length} violation(s)` : '✓ no violations'} · ${report.pageLoads} page loads in ${(report.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}
