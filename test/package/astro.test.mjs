/**
 * The README's Astro recipe, as a site owner makes it: an Astro 5 project with
 * `output: 'server'` and the @astrojs/node adapter (standalone), whose layout renders the
 * head stub and the element through piekritu/ssr from the request's cookie and bundles the
 * browser script with `<script>import 'piekritu'</script>`. Built with `astro build` against
 * the packed package and served by `node dist/server/entry.mjs`:
 *
 * - over HTTP, the stub in `<head>` and the banner in a declarative shadow root for a first
 *   visitor (and for a malformed or lapsed choice), the bare element for one whose choice
 *   counts;
 * - in Chromium, the banner paints before the script runs, the script keeps those very nodes
 *   and wires them, "Piekrītu" stores the choice, and on reload the server sends no banner.
 *
 *   npm run build && node --test test/package/astro.test.mjs
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { freePort } from '../support/net.mjs';
import { copyFixtures, exec, FIXTURES, packAndInstall, REPO } from './support.mjs';

/** The attributes the fixture's layout passes to renderHead and renderElement. */
const ATTRIBUTES = { revision: '1', 'consent-mode': true };
const DAY = 86_400_000;
const BARE = '<piekritu-consent revision="1" consent-mode lang="lv"></piekritu-consent>';
const SHADOW = '<piekritu-consent revision="1" consent-mode lang="lv"><template shadowrootmode="open">';
const ENV = { ASTRO_TELEMETRY_DISABLED: '1' };

/**
 * `node dist/server/entry.mjs` on a free port; `listening` resolves with its URL once it says
 * so (its log names the address from the machine's interfaces: the port is ours to know).
 */
function startServer(project, port) {
  const child = spawn(process.execPath, ['dist/server/entry.mjs'], {
    cwd: project,
    env: { ...process.env, ...ENV, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Astro server did not listen within 20 s:\n${output.stdout}${output.stderr}`)), 20_000);
    child.stdout.on('data', () => {
      if (!output.stdout.includes('Server listening on')) return;
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Astro server exited (${code}):\n${output.stdout}${output.stderr}`));
    });
  });
  return {
    listening,
    output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill();
      }),
  };
}

let pkg;
let project;
let server;
let url;
let browser;
let renderHead;
/** What a page's cookie would hold: `encode` from the package itself, the bundled policy's version. */
let choice;

before(async () => {
  pkg = await packAndInstall();
  await pkg.add('astro', '@astrojs/node');
  await copyFixtures(pkg.project, 'astro');
  project = join(pkg.project, 'astro');
  const built = await exec(process.execPath, [join(pkg.project, 'node_modules/astro/astro.js'), 'build'], { cwd: project, timeout: 180_000, env: ENV });
  assert.equal(built.code, 0, `astro build failed:\n${built.stdout}\n${built.stderr}`);
  assert.doesNotMatch(built.stdout + built.stderr, /\[WARN\]|\[ERROR\]/, 'astro build warned');
  server = startServer(project, await freePort());
  url = await server.listening;

  const { encode } = await import(pathToFileURL(join(pkg.packageDir, 'dist/piekritu.js')).href);
  ({ renderHead } = await import(pathToFileURL(join(pkg.packageDir, 'dist/ssr.js')).href));
  const { version } = JSON.parse(await readFile(join(pkg.packageDir, 'dist/locales/policy/lv.json'), 'utf8'));
  choice = (overrides = {}) =>
    encode({ id: 'abcdef12-3456', timestamp: Date.now() - DAY, revision: '1', policyVersion: version, granted: ['analytics'], denied: ['marketing'], source: 'user', ...overrides });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true, timeout: 30_000 });
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  await pkg?.cleanup();
});

/** The page's HTML as the server sends it for a `Cookie` header (or none). */
async function page(cookie) {
  const response = await fetch(`${url}/`, { headers: cookie === undefined ? {} : { cookie } });
  assert.equal(response.status, 200);
  return response.text();
}

/** The markup's parts that matter: the head's stub, the element's tag, the banners drawn, the bundled module scripts. */
function parts(html) {
  const head = /<head>([\s\S]*)<\/head>/.exec(html)?.[1] ?? '';
  return {
    // First in <head> after the charset, before any other script.
    stub: head.startsWith(`<meta charset="utf-8">${renderHead({ attributes: ATTRIBUTES })}`),
    element: html.includes(SHADOW) ? 'shadow' : html.includes(BARE) ? 'bare' : 'missing',
    // By the part, as the element's tests find it, whatever the tag or the attributes' order.
    banners: (html.match(/\spart="(?:[^"]*\s)?banner(?:\s[^"]*)?"/g) ?? []).length,
    templates: html.split('shadowrootmode').length - 1,
    scripts: [...html.matchAll(/<script type="module" src="(\/_astro\/[^"]+\.js)"><\/script>/g)].map((match) => match[1]),
  };
}

describe('Astro 5, output: server, @astrojs/node (the README recipe)', () => {
  it('the README shows the files this test builds, as they are', async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    const recipe = readme.slice(readme.indexOf('**Astro 5 (server-rendered)**'));
    // Each file's block names it in its first comment.
    const blocks = [...recipe.matchAll(/```(?:js|astro)\n([\s\S]*?)```/g)].map((match) => match[1]);
    for (const file of ['astro.config.mjs', 'src/layouts/Layout.astro', 'src/pages/index.astro']) {
      const shown = blocks.find((block) => block.split('\n', 2).some((line) => line === `// ${file}`));
      assert.ok(shown, `no block for ${file} in the README's Astro recipe`);
      assert.equal(shown, await readFile(join(FIXTURES, 'astro', file), 'utf8'), `README's ${file} differs from test/package/fixtures/astro/${file}`);
    }
  });

  it('the server sends the stub and the banner to a first visitor, the bare element to one whose choice counts', { timeout: 30_000 }, async () => {
    const first = parts(await page());
    assert.deepEqual({ ...first, scripts: first.scripts.length }, { stub: true, element: 'shadow', banners: 1, templates: 1, scripts: 1 });
    // The cookie as the element writes it, among others, percent-encoded by the browser's reader rules.
    const decided = parts(await page(`theme=dark; piekritu=${encodeURIComponent(choice())}; other=1`));
    assert.deepEqual({ ...decided, scripts: decided.scripts.length }, { stub: true, element: 'bare', banners: 0, templates: 0, scripts: 1 });
    // The same value unencoded, as a server-side writer might set it.
    assert.equal(parts(await page(`piekritu=${choice()}`)).element, 'bare');
    for (const [what, cookie] of [
      ['a malformed value', 'piekritu=v=1&id=short&t=x'],
      ['garbage', 'piekritu=%E0%A4%A'],
      ['a choice for another revision', `piekritu=${encodeURIComponent(choice({ revision: '0' }))}`],
      ['a choice older than 180 days', `piekritu=${encodeURIComponent(choice({ timestamp: Date.now() - 181 * DAY }))}`],
      ['another cookie of that name prefix', `piekritu2=${encodeURIComponent(choice())}`],
    ]) {
      const html = await page(cookie);
      assert.deepEqual({ what, element: parts(html).element, banners: parts(html).banners }, { what, element: 'shadow', banners: 1 });
    }
    assert.equal(server.output.stderr, '', 'the server logged to stderr');
  });

  it('Chromium: the banner paints with the page, the script keeps it, "Piekrītu" stores the choice, then no banner from the server', { timeout: 60_000 }, async () => {
    const [script] = parts(await page()).scripts;
    const context = await browser.newContext();
    const tab = await context.newPage();
    tab.setDefaultTimeout(15_000);
    const log = { failed: [], errors: [], warnings: [] };
    tab.on('requestfailed', (request) => log.failed.push(`${request.url()} (${request.failure()?.errorText})`));
    tab.on('response', (response) => response.status() >= 400 && log.failed.push(`${response.url()} (HTTP ${response.status()})`));
    tab.on('pageerror', (error) => log.errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') log.errors.push(message.text());
      if (message.text().startsWith('piekritu')) log.warnings.push(message.text());
    });
    try {
      // Hold Astro's bundle back: what shows until it runs is the server's markup alone.
      let release;
      const gate = new Promise((resolve) => (release = resolve));
      await tab.route(`${url}${script}`, async (route) => {
        await gate;
        await route.continue();
      });
      const response = await tab.goto(`${url}/`, { waitUntil: 'commit' });
      await tab.waitForFunction(() => document.querySelector('main h1'));
      const drawn = await tab.evaluate(() => {
        const node = document.querySelector('piekritu-consent').shadowRoot?.querySelector('[part~="banner"]');
        const rect = node?.getBoundingClientRect();
        if (node) node.mark = 'server';
        return {
          defined: Boolean(customElements.get('piekritu-consent')),
          visible: Boolean(rect && rect.height > 0),
          top: rect?.top,
          consentDefault: JSON.stringify([...(window.dataLayer?.[0] ?? [])].slice(0, 2)),
        };
      });
      assert.deepEqual(
        { defined: drawn.defined, visible: drawn.visible, consentDefault: drawn.consentDefault },
        { defined: false, visible: true, consentDefault: '["consent","default"]' },
        'before the script: the server\'s banner shows, Consent Mode\'s default is out',
      );
      assert.equal(parts(await response.text()).element, 'shadow');

      release();
      await tab.waitForFunction(() => document.querySelector('piekritu-consent').consent?.policyVersion);
      // The element adopted the server's banner: it drops the mark of what it was drawn from.
      await tab.waitForFunction(() => !document.querySelector('piekritu-consent').shadowRoot.querySelector('[data-instant]'));
      const kept = await tab.evaluate(() => {
        const root = document.querySelector('piekritu-consent').shadowRoot;
        const nodes = root.querySelectorAll('[part~="banner"]');
        return { banners: nodes.length, sections: root.querySelectorAll('section').length, mark: nodes[0]?.mark, top: nodes[0]?.getBoundingClientRect().top };
      });
      assert.deepEqual(kept, { banners: 1, sections: 1, mark: 'server', top: drawn.top }, 'the script drew a banner of its own');

      const element = tab.locator('piekritu-consent');
      await element.getByRole('button', { name: 'Piekrītu', exact: true }).click();
      await element.locator('[part~="banner"]').waitFor({ state: 'detached' });
      // The runtime that stores the choice loads at the first click: the banner may go first.
      await tab.waitForFunction(() => document.cookie.includes('piekritu='));
      const stored = (await context.cookies()).find((cookie) => cookie.name === 'piekritu');
      assert.ok(stored, 'no piekritu cookie after "Piekrītu"');
      assert.match(decodeURIComponent(stored.value), /^v=1&id=[A-Za-z0-9-]+&t=\d+&r=1&p=[^&]+&g=[a-z.]*analytics[a-z.]*&d=&s=u$/);

      // A returning visitor: the server reads the cookie the element wrote and sends the bare element.
      const again = await tab.reload({ waitUntil: 'load' });
      assert.deepEqual(parts(await again.text()).element, 'bare');
      await tab.waitForFunction(() => document.querySelector('piekritu-consent').consent?.decided === true);
      const state = await element.evaluate((node) => ({
        banners: node.shadowRoot.querySelectorAll('[part~="banner"]').length,
        analytics: node.consent.categories.analytics,
      }));
      assert.deepEqual(state, { banners: 0, analytics: true });

      assert.deepEqual(log.failed, [], 'failed requests');
      assert.deepEqual(log.errors, [], 'console errors');
      assert.deepEqual(log.warnings, [], 'piekritu warnings');
    } finally {
      await context.close();
    }
  });
});
