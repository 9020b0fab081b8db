/** The audit as one self-contained HTML file: no script, no outside resource. */
import { lifetime } from './declaration.js';
import type { Report } from './report.js';
import { escapeHtml as escape } from '../../core/html.js';
import { COOKIE_HEAD, cookieRow, KIND_LABEL, shorten, summary } from './text.js';

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  return `<table><thead><tr>${head.map((cell) => `<th scope="col">${escape(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.1rem;margin:32px 0 8px}
.meta{color:#57606a;margin:0}
.verdict{display:inline-block;padding:6px 12px;border-radius:6px;font-weight:600;margin:16px 0}
.bad{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}.good{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
figure{margin:16px 0}figure img{max-width:100%;border:1px solid #d0d7de;border-radius:6px}figcaption{color:#57606a;font-size:.9rem}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f4}
tr.violation td:first-child{color:#a40e26;font-weight:600}
pre{background:#fff;border:1px solid #d0d7de;padding:12px;overflow:auto;font-size:.85rem}
ul.pages{list-style:none;padding:0}.ok::before{content:"✓ ";color:#116329}.ko::before{content:"✗ ";color:#a40e26}
.none{color:#57606a}
.top{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px;align-items:start}.top h2{margin-top:16px}
@media (max-width:800px){.top{grid-template-columns:1fr}}`;

export function htmlReport(report: Report): string {
  const origin = new URL(report.pages[0]?.url ?? report.url).origin;
  const now = Date.parse(report.date);
  const count = report.violations.length;
  const violations = report.violations.length
    ? `<table><thead><tr><th>What</th><th>Subject</th><th>Page</th><th>Caused by</th><th>Detail</th></tr></thead><tbody>${report.violations
        .map(
          (v) =>
            `<tr class="violation"><td>${escape(KIND_LABEL[v.kind])}</td><td>${escape(shorten(v.subject, origin))}</td><td>${escape(shorten(v.page, origin))}</td><td>${escape(shorten(v.cause, origin) || '—')}</td><td>${escape(v.detail)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="none">None.</p>';
  const cookies = [
    ...report.necessary.map((cookie) => cookieRow('necessary', cookie, origin, now)),
    ...report.categories.flatMap((category) => (report.byCategory[category]?.cookies ?? []).map((cookie) => cookieRow(category, cookie, origin, now))),
  ];
  const storage = report.categories.flatMap((category) => (report.byCategory[category]?.storage ?? []).map((item) => [category, `${item.area}.${item.key}`, shorten(item.setBy, origin) || '—']));
  const requests = report.categories.flatMap((category) => (report.byCategory[category]?.requests ?? []).map((request) => [category, new URL(request.url).hostname, request.url, shorten(request.initiator, origin) || '—']));
  const before = [
    ...report.before.cookies.map((cookie) => ['cookie', cookie.name, `${cookie.domain}${cookie.path}, ${lifetime(cookie.expires, now)}`, shorten(cookie.setBy, origin) || '—']),
    ...report.before.storage.map((item) => ['storage', `${item.area}.${item.key}`, item.origin, shorten(item.setBy, origin) || '—']),
    ...report.before.requests.map((request) => ['request', new URL(request.url).hostname, request.url, shorten(request.initiator, origin) || '—']),
  ];
  const scripts = report.declaration.scripts.map((script) => [shorten(script.element, origin), `data-cookies="${script.dataCookies}"`, script.before === null ? 'none' : `"${script.before}"`]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>piekritu audit of ${escape(report.url)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>piekritu audit</h1>
<p class="meta">${escape(report.url)} · site ${escape(report.site)} · ${report.pages.length} page(s) · ${escape(report.date)}</p>
<p class="verdict ${count ? 'bad' : 'good'}">${count ? `${count} violation(s)` : 'No violations'}</p>
<div class="top">
<figure><img src="${report.screenshot}" alt="The start page before any choice, with its banner"><figcaption>The start page before any choice.</figcaption></figure>
<section><h2>Summary</h2>
${table(['check', 'result'], summary(report))}</section>
</div>
<h2>Violations</h2>
${violations}
<h2>Before any choice</h2>
${table(['kind', 'name', 'where', 'caused by'], before)}
<h2>Cookies by category</h2>
<p class="meta">Found by experiment: each category accepted alone, in a fresh browser.</p>
${table(COOKIE_HEAD, cookies)}
${storage.length ? `<h2>Storage by category</h2>${table(['category', 'key', 'written by'], storage)}` : ''}
${requests.length ? `<h2>Third parties by category</h2>${table(['category', 'host', 'first request', 'started by'], requests)}` : ''}
<h2>Settings link on every page</h2>
<ul class="pages">${report.pages.map((page) => `<li class="${page.settingsLink ? 'ok' : 'ko'}">${escape(shorten(page.url, origin))}</li>`).join('')}</ul>
${
  report.consentMode
    ? `<h2>Consent Mode</h2><ul class="pages">${report.consentMode
        .map((result) => `<li class="${result.ok ? 'ok' : 'ko'}">${escape(shorten(result.page, origin))}${result.firstGoogleRequest ? '' : ' (no Google tag request seen)'}</li>`)
        .join('')}</ul>`
    : ''
}
${report.warnings.length ? `<h2>Warnings</h2><ul>${report.warnings.map((warning) => `<li>${escape(warning)}</li>`).join('')}</ul>` : ''}
<h2>Draft declaration</h2>
<p class="meta">Paste into the page and fill in each TODO.</p>
<pre>${escape(report.declaration.block)}</pre>
${scripts.length ? table(['gated element', 'draft', 'now'], scripts) : ''}
</main>
</body>
</html>
`;
}
