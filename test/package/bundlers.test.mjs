/**
 * A new user's apps, as the README's recipes make them: a Vite 8 + React + TypeScript app
 * (build + preview, and the dev server with its dependency pre-bundling) and a webpack 5
 * app, each installing the packed package, with no plugin, no configuration for piekritu and
 * nothing copied by hand. Driven in Chromium in Latvian and English: banner, settings and
 * policy show in the page's language, the app hears the choice, a gated iframe gets its
 * placeholder without the dialogs, and no request fails, nothing is logged as an error.
 *
 *   npm run build && node --test test/package/bundlers.test.mjs
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { copyFixtures, exec, FIXTURES, packAndInstall, serveFolder, tsc } from './support.mjs';

const TEXTS = {
  lv: { accept: 'Piekrītu', settings: 'Sīkdatņu iestatījumi', policy: 'Personas datu aizsardzība', placeholder: 'Mārketinga' },
  en: { accept: 'Accept', settings: 'Cookie settings', policy: 'Personal data protection', placeholder: 'Marketing' },
};

let pkg;
let browser;
before(async () => {
  pkg = await packAndInstall();
  await pkg.add('vite', '@vitejs/plugin-react', 'react', 'react-dom', '@types/react', '@types/react-dom', 'webpack', 'webpack-cli');
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true, timeout: 30_000 });
}, { timeout: 300_000 });
after(async () => {
  await browser?.close();
  await pkg?.cleanup();
});

/** The app's files (a fixture) in a project of its own, beside the installed package. */
async function app(name) {
  await copyFixtures(pkg.project, name);
  return join(pkg.project, name);
}

/** What the page did: failed requests, console errors, piekritu's warnings, every request path. */
function watch(page) {
  const log = { failed: [], errors: [], warnings: [], requests: [] };
  page.on('requestfailed', (request) => log.failed.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => response.status() >= 400 && log.failed.push(`${response.url()} (HTTP ${response.status()})`));
  page.on('request', (request) => log.requests.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
    if (message.text().startsWith('piekritu:')) log.warnings.push(message.text());
  });
  return log;
}

/**
 * One language, first visit then return: banner, the app's state, a placeholder without the
 * dialogs, settings, policy. `dialogs` tells whether a request path is the dialogs' chunk.
 */
async function exercise(url, lang, { dialogs }) {
  const text = TEXTS[lang];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const log = watch(page);
  try {
    await page.goto(`${url}?lang=${lang}`);
    const element = page.locator('piekritu-consent');
    await element.getByRole('button', { name: text.accept, exact: true }).waitFor();
    await page.locator('#analytics').getByText('Analytics: not decided').waitFor();
    const placeholder = page.locator('piekritu-placeholder');
    await placeholder.getByText(text.placeholder).first().waitFor();
    assert.deepEqual(log.requests.filter(dialogs), [], 'the dialogs loaded for a placeholder');

    await element.getByRole('button', { name: text.accept, exact: true }).click();
    await page.locator('#analytics').getByText('Analytics: allowed').waitFor();
    await placeholder.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Cookie settings', exact: true }).click();
    const settings = element.getByRole('dialog', { name: text.settings });
    await settings.waitFor();
    assert.ok(log.requests.some(dialogs), 'the settings opened, yet no request matched the dialogs\' chunk: the check above proves nothing');
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'hidden' });

    await element.evaluate((node) => node.show('policy'));
    await element.locator('[part~="policy"]').getByRole('heading', { name: text.policy }).waitFor();

    // A returning visitor: no banner, and the app knows the stored choice.
    await page.reload();
    await page.locator('#analytics').getByText('Analytics: allowed').waitFor();
    assert.equal(await element.locator('[part~="banner"]').count(), 0);

    assert.deepEqual(log.failed, [], 'failed requests');
    assert.deepEqual(log.errors, [], 'console errors');
    // The bundled example policy opened on a host other than ankravs.lv: the one warning due.
    const policyWarnings = log.warnings.filter((line) => line.includes('bundled example of SIA'));
    assert.equal(policyWarnings.length, 1, "the warning that the bundled policy is not this site's");
    assert.deepEqual(log.warnings.filter((line) => !policyWarnings.includes(line)), [], 'piekritu warnings');
  } finally {
    await context.close();
  }
}

describe('Vite 8 + React + TypeScript (the README recipe)', () => {
  let project;
  let vite;
  before(async () => {
    project = await app('vite-react');
    // The README's React component, the same file the React recipe's test runs.
    await cp(join(FIXTURES, 'react/CookieConsent.tsx'), join(project, 'src/CookieConsent.tsx'));
    vite = await import(join(pkg.project, 'node_modules/vite/dist/node/index.js'));
  }, { timeout: 60_000 });

  it('type-checks with piekritu/jsx; a misspelt attribute or a wrong value fails', { timeout: 120_000 }, async () => {
    const result = await tsc(join(project, 'tsconfig.json'));
    assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
    await copyFixtures(pkg.project, 'vite-react-typo');
    const typo = await tsc(join(pkg.project, 'vite-react-typo/tsconfig.json'));
    const errors = typo.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    assert.equal(errors.length, 2, `expected two errors, got:\n${typo.stdout}`);
    assert.match(errors[0], /typo\.tsx\(3,\d+\): error TS2322: Type '\{ revison: string; \}' is not assignable/);
    assert.match(errors[1], /typo\.tsx\(4,\d+\): error TS2322: Type '"blue"' is not assignable to type '"auto" \| "dark" \| "light"/);
  });

  describe('vite build + vite preview', () => {
    let server;
    let url;
    let views;
    before(async () => {
      const built = await exec(process.execPath, [join(pkg.project, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: project, timeout: 180_000 });
      assert.equal(built.code, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
      assert.doesNotMatch(built.stdout + built.stderr, /doesn't exist at build time|will remain unchanged/);
      // The dialogs' chunk: the one that renders the settings.
      const assets = await readdir(join(project, 'dist/assets'));
      views = [];
      for (const file of assets.filter((name) => name.endsWith('.js'))) {
        if ((await readFile(join(project, 'dist/assets', file), 'utf8')).includes('preferences-title')) views.push(`/assets/${file}`);
      }
      assert.equal(views.length, 1, `chunks holding the dialogs: ${views.join(', ')}`);
      server = await vite.preview({ root: project, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
      url = server.resolvedUrls.local[0];
    }, { timeout: 240_000 });
    after(() => server?.close());

    for (const lang of ['en', 'lv']) {
      it(`${lang}: banner, settings and policy, the app hears the choice, no failed request`, { timeout: 60_000 }, () =>
        exercise(url, lang, { dialogs: (path) => views.includes(path) }));
    }
  });

  describe('vite (the dev server, dependencies pre-bundled)', () => {
    let server;
    let url;
    before(async () => {
      server = await vite.createServer({ root: project, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
      await server.listen();
      url = server.resolvedUrls.local[0];
    }, { timeout: 120_000 });
    after(() => server?.close());

    for (const lang of ['en', 'lv']) {
      it(`${lang}: banner, settings and policy, the app hears the choice, no failed request`, { timeout: 90_000 }, () =>
        // Pre-bundled, the dialogs are a chunk of .vite/deps named after their module.
        exercise(url, lang, { dialogs: (path) => /\/\.vite\/deps\/views[-.]/.test(path) }));
    }
  });
});

describe('webpack 5 (the README recipe)', () => {
  let server;
  let url;
  before(async () => {
    const project = await app('webpack');
    const built = await exec(process.execPath, [join(pkg.project, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: project, timeout: 180_000 });
    assert.equal(built.code, 0, `webpack failed:\n${built.stdout}\n${built.stderr}`);
    assert.doesNotMatch(built.stdout, /WARNING|ERROR/);
    // The page of webpack's getting-started layout: written by hand into dist/, beside main.js.
    await cp(join(project, 'index.html'), join(project, 'dist/index.html'));
    server = await serveFolder(join(project, 'dist'));
    url = `${server.url}/`;
  }, { timeout: 240_000 });
  after(() => server?.close());

  for (const lang of ['en', 'lv']) {
    it(`${lang}: banner, settings and policy, the app hears the choice, no failed request`, { timeout: 60_000 }, async () => {
      // webpack names lazy chunks by number: the dialogs' chunk is the one that renders the settings.
      const chunks = (await readdir(join(pkg.project, 'webpack/dist'))).filter((name) => name.endsWith('.js'));
      const views = [];
      for (const file of chunks) if ((await readFile(join(pkg.project, 'webpack/dist', file), 'utf8')).includes('preferences-title')) views.push(`/${file}`);
      assert.equal(views.length, 1, `chunks holding the dialogs: ${views.join(', ')}`);
      await exercise(url, lang, { dialogs: (path) => views.includes(path) });
    });
  }
});
