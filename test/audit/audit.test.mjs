/**
 * `piekritu audit` as a site owner runs it: the built command in a child process, against
 * the demo's audit sites served on real host names (www.example.test is the site,
 * tracker.other.test a third party, www.googletagmanager.com Google's tag host, all mapped
 * to this machine by Chromium's host rules).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../demo/serve.mjs';
import { chromiumPath } from '../support/chromium.mjs';

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const RULES = 'MAP *.test 127.0.0.1, MAP www.googletagmanager.com 127.0.0.1';

let server;
let dir;
const hanging = new Set();
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'piekritu-audit-'));
  server = await serve({
    port: 0,
    handlers: {
      // A fake Google tag: no cookie, no request of its own.
      '/gtag/js': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end('window.googleTagLoaded = true;');
      },
      // A page whose server sets a session cookie (declared necessary) and one that is not.
      '/test/audit/server-cookies': async (req, res) => {
        const page = await readFile(new URL('./pages/server-cookies.html', import.meta.url));
        res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['sid=abc; Path=/; HttpOnly; SameSite=Lax', 'ad_sync=1; Path=/; Max-Age=2592000; SameSite=Lax'] });
        res.end(page);
      },
      // Starts an answer and never finishes it.
      '/test/audit/hang': (req, res) => {
        res.writeHead(200, { 'content-type': req.url.includes('page') ? 'text/html' : 'image/png' });
        res.write(req.url.includes('page') ? '<!doctype html><html><head><title>…' : '');
        hanging.add(res);
      },
    },
  });
});
after(async () => {
  for (const res of hanging) res.destroy();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const port = () => new URL(server.url).port;
const site = (path) => `http://www.example.test:${port()}${path}`;

/** Run the command; resolve with its exit code, output and the JSON report if written. */
function audit(url, args = [], env = {}) {
  const json = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'audit', url, '--host-resolver-rules', RULES, '--json', json, '--timeout', '5', ...args],
      { env: { ...process.env, CHROME_PATH: chromiumPath(), ...env }, timeout: 180000 },
      async (error, stdout, stderr) => {
        const report = await readFile(json, 'utf8').then(JSON.parse, () => null);
        resolve({ code: error ? error.code : 0, stdout, stderr, report });
      },
    );
  });
}

const names = (list) => list.map((item) => item.name).sort();
const found = (report) => report.violations.map((v) => `${v.kind} ${v.subject.replace(`:${port()}`, '')}`).sort();

describe('a careless site', () => {
  let result;
  before(async () => {
    result = await audit(site('/demo/audit/careless.html'), ['--html', join(dir, 'careless.html')]);
  });

  it('exits 1 and reports each of its four mistakes, and nothing else', () => {
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(found(result.report), [
      'cookie-after-withdrawal cs_visitor',
      'cookie-before-consent trk_uid',
      'no-settings-link http://www.example.test/demo/audit/careless-about.html',
      'request-before-consent tracker.other.test',
      'storage-before-consent localStorage.last_visit',
    ]);
  });

  it('names the cause where the browser can tell: the ungated tag, the inline snippet', () => {
    const byKind = Object.fromEntries(result.report.violations.map((v) => [v.kind, v]));
    assert.match(byKind['cookie-before-consent'].cause, /^script http:\/\/tracker\.other\.test:\d+\/demo\/audit\/tracker\.js:\d+$/);
    assert.match(byKind['request-before-consent'].cause, /^http:\/\/www\.example\.test:\d+\/demo\/audit\/careless\.html:\d+$/);
    assert.match(byKind['storage-before-consent'].cause, /careless\.html:\d+$/);
    assert.match(byKind['cookie-after-withdrawal'].detail, /add "cs_visitor" to data-cookies of the analytics script/);
  });

  it('prints the findings in the terminal and drafts the missing data-cookies', () => {
    for (const text of ['cookie before consent', 'trk_uid', 'storage before consent', 'localStorage.last_visit', 'cookie after withdrawal', 'cs_visitor', 'no settings link', '✗ 5 violation(s)']) {
      assert.ok(result.stdout.includes(text), `stdout lacks "${text}"`);
    }
    assert.deepEqual(result.report.declaration.scripts.map((s) => [s.category, s.dataCookies, s.before]), [['analytics', 'cs_visit cs_visitor', 'cs_visit']]);
  });

  it('writes a self-contained HTML report with the banner screenshot and each finding', async () => {
    const html = await readFile(join(dir, 'careless.html'), 'utf8');
    assert.match(html, /<img src="data:image\/jpeg;base64,[A-Za-z0-9+/]{1000,}/);
    assert.doesNotMatch(html, /<script(?! type="application\/json")|<link |src="http/);
    for (const subject of ['trk_uid', 'localStorage.last_visit', 'tracker.other.test', 'cs_visitor', 'careless-about.html']) assert.ok(html.includes(subject), subject);
  });
});

describe('the well-wired site', () => {
  let result;
  before(async () => {
    result = await audit(site('/demo/audit/'));
  });

  it('has no violation and exits 0, having walked both its pages', () => {
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(result.report.violations, []);
    assert.deepEqual(result.report.pages.map((p) => [new URL(p.url).pathname, p.settingsLink]), [
      ['/demo/audit/', true],
      ['/demo/audit/about.html', true],
    ]);
    assert.ok(result.stdout.includes('✓ no violations'));
  });

  it('finds each category\'s cookies by experiment: the ones the page declares', async () => {
    const page = await readFile(new URL('../../demo/audit/index.html', import.meta.url), 'utf8');
    const declared = JSON.parse(/data-piekritu-cookies>([\s\S]*?)<\/script>/.exec(page)[1]);
    const draft = JSON.parse(/data-piekritu-cookies>([\s\S]*?)<\/script>/.exec(result.report.declaration.block)[1]);
    assert.deepEqual(draft, declared);
    for (const category of ['preferences', 'analytics', 'marketing']) {
      assert.deepEqual(names(result.report.byCategory[category].cookies), names(declared[category]), category);
    }
    assert.deepEqual(names(result.report.necessary), ['piekritu']);
  });

  it('drafts the data-cookies each gated script already has, and sees marketing call its ad network', () => {
    assert.deepEqual(
      result.report.declaration.scripts.map((s) => [s.category, s.dataCookies, s.before]),
      [
        ['preferences', 'shop_lang', 'shop_lang'],
        ['analytics', 'shop_visit shop_visitor', 'shop_visit shop_visitor'],
        ['marketing', 'shop_ads', 'shop_ads'],
      ],
    );
    assert.deepEqual(result.report.byCategory.marketing.requests.map((r) => new URL(r.url).hostname), ['tracker.other.test']);
    assert.deepEqual(result.report.byCategory.analytics.requests, []);
  });
});

describe('cookies from the server', () => {
  it('are traced to the response that set them; HttpOnly ones too; a declared necessary one passes', async () => {
    const { code, report } = await audit(site('/test/audit/server-cookies'), ['--pages', '1']);
    assert.equal(code, 1);
    assert.deepEqual(found(report), ['cookie-before-consent ad_sync']);
    assert.match(report.violations[0].cause, /^Set-Cookie of http:\/\/www\.example\.test:\d+\/test\/audit\/server-cookies$/);
    const sid = report.necessary.find((cookie) => cookie.name === 'sid');
    assert.deepEqual([sid.httpOnly, sid.expires, sid.thirdParty], [true, null, false]);
  });
});

describe('the main demo', () => {
  it('has no violation: Consent Mode, the record queue and its gated scripts are all in order', async () => {
    const { code, report, stdout } = await audit(site('/demo/'), ['--pages', '3']);
    assert.equal(code, 0, stdout);
    assert.deepEqual(report.violations, []);
    assert.deepEqual(report.consentMode.map((result) => result.ok), [true, true, true]);
    assert.deepEqual(names(report.byCategory.analytics.cookies), ['demo_analytics', 'demo_analytics_session']);
  });
});

describe('the settings link', () => {
  it('is followed to withdraw: one that opens nothing is reported', async () => {
    const { code, report } = await audit(site('/test/audit/pages/broken-link.html'), ['--pages', '1']);
    assert.equal(code, 1);
    assert.deepEqual(found(report), ['settings-link-broken http://www.example.test/test/audit/pages/broken-link.html']);
  });
});

describe('Consent Mode', () => {
  it('reports a Google tag requested before the default', async () => {
    const { code, report } = await audit(site('/test/audit/pages/consent-mode-late.html'), ['--pages', '1', '--allow', 'www.googletagmanager.com']);
    assert.equal(code, 1);
    assert.deepEqual(found(report), ['consent-mode-order http://www.googletagmanager.com/gtag/js?id=G-TEST']);
  });

  it('passes when the default comes first; the tag host counts as a request before consent unless allowed', async () => {
    const allowed = await audit(site('/test/audit/pages/consent-mode.html'), ['--pages', '1', '--allow', 'www.googletagmanager.com']);
    assert.equal(allowed.code, 0, allowed.stdout);
    assert.equal(allowed.report.consentMode[0].ok, true);
    assert.ok(allowed.report.consentMode[0].defaultAt <= allowed.report.consentMode[0].firstGoogleRequest.at);
    const strict = await audit(site('/test/audit/pages/consent-mode.html'), ['--pages', '1']);
    assert.deepEqual(found(strict.report), ['request-before-consent www.googletagmanager.com']);
  });
});

describe('bad input: a clear message, exit 2, a bounded run', () => {
  it('an unreachable address', async () => {
    const closed = await new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address();
        probe.close(() => resolve(free));
      });
    });
    const { code, stderr } = await audit(`http://127.0.0.1:${closed}/`);
    assert.equal(code, 2);
    assert.match(stderr, /cannot open http:\/\/127\.0\.0\.1:\d+\/: the connection was refused/);
  });

  it('not an HTML page', async () => {
    const { code, stderr } = await audit(site('/package.json'));
    assert.equal(code, 2);
    assert.match(stderr, /is not an HTML page \(status 200, content-type "application\/json/);
  });

  it('a page without the element', async () => {
    const { code, stderr } = await audit(site('/test/audit/pages/no-element.html'));
    assert.equal(code, 2);
    assert.match(stderr, /has no <piekritu-consent> element: there is no banner to audit/);
  });

  it('a page that never sends its whole document', async () => {
    const { code, stderr } = await audit(site('/test/audit/hang?page'), ['--timeout', '2']);
    assert.equal(code, 2);
    assert.match(stderr, /sent no page within 2 s/);
  });

  it('a page whose load never ends is audited as it was, with a warning', async () => {
    const { code, report, stdout } = await audit(site('/test/audit/pages/hanging-image.html'), ['--timeout', '2']);
    assert.equal(code, 0, stdout);
    assert.match(report.warnings.join('\n'), /hanging-image\.html was still loading after 2 s; audited as it was then/);
  });

  it('no browser, no URL, a wrong option', async () => {
    const missing = await audit(site('/demo/audit/'), [], { CHROME_PATH: '/nonexistent/chrome' });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /CHROME_PATH is \/nonexistent\/chrome, which does not exist/);
    const run = (args) => new Promise((resolve) => execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr })));
    assert.deepEqual(await run(['audit']).then((r) => [r.code, /which site\? Give a URL/.test(r.stderr)]), [2, true]);
    assert.deepEqual(await run(['audit', 'x', '--pages', 'many']).then((r) => [r.code, /--pages takes a whole number/.test(r.stderr)]), [2, true]);
    assert.deepEqual(await run(['nope']).then((r) => [r.code, /unknown command "nope"/.test(r.stderr)]), [2, true]);
  });
});
