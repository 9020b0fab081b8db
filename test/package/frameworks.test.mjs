/**
 * The README's framework recipes, built and run: a plain page, a React 19 app and two Vue 3
 * apps (a single-file component, and the full build compiling a template string) import the packed
 * package, are bundled by esbuild (code splitting on, as a Vite build does), served, and
 * driven in Chromium. The dialogs come from a lazily imported chunk of the bundle.
 *
 *   npm run build && node --test test/package/
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { copyFixtures, exec, FIXTURES, packAndInstall, REPO, serveFolder, tsc } from './support.mjs';

/**
 * What @vitejs/plugin-vue does, reduced to a template-and-script-setup SFC: compile with
 * vue/compiler-sfc, passing the template compiler options a Vite config would pass.
 */
const vueSfc = (compilerOptions) => ({
  name: 'vue-sfc',
  setup(bundler) {
    bundler.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { parse, compileScript } = await import('vue/compiler-sfc');
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path, templateParseOptions: compilerOptions });
      if (errors.length > 0) return { errors: errors.map((error) => ({ text: String(error.message ?? error) })) };
      const id = createHash('sha256').update(path).digest('hex').slice(0, 8);
      const script = compileScript(descriptor, { id, inlineTemplate: true, templateOptions: { compilerOptions } });
      return { contents: script.content, loader: descriptor.scriptSetup?.lang === 'ts' ? 'ts' : 'js', resolveDir: dirname(path) };
    });
  },
});
const isCustomElement = (tag) => tag.startsWith('piekritu-');

const APPS = {
  vanilla: {
    entry: 'vanilla/main.js',
    mount: '', // the page's own markup: fixtures/vanilla/index.html
    options: {},
  },
  react: {
    entry: 'react/main.tsx',
    mount: '<div id="root"></div>',
    options: { jsx: 'automatic' },
  },
  vue: {
    entry: 'vue/main.ts',
    mount: '<div id="app"></div>',
    options: { plugins: [vueSfc({ isCustomElement })] },
  },
  'vue-runtime': {
    entry: 'vue-runtime/main.js',
    mount: '<div id="app"></div>',
    options: {},
  },
};

let pkg;
let site;
let server;
let browser;
const built = {};

before(async () => {
  pkg = await packAndInstall();
  await pkg.add('react', 'react-dom', '@types/react', '@types/react-dom', 'vue');
  await copyFixtures(join(pkg.project, 'src'), 'vanilla', 'react', 'vue', 'vue-runtime');
  APPS.vanilla.mount = await readFile(join(pkg.project, 'src/vanilla/index.html'), 'utf8');
  site = join(pkg.root, 'site');
  for (const [name, app] of Object.entries(APPS)) {
    const outdir = join(site, name);
    const result = await build({
      entryPoints: [join(pkg.project, 'src', app.entry)],
      absWorkingDir: pkg.project,
      bundle: true,
      format: 'esm',
      splitting: true,
      platform: 'browser',
      target: 'es2022',
      outdir,
      entryNames: 'app',
      chunkNames: '[name]-[hash]',
      metafile: true,
      logLevel: 'silent',
      define: {
        'process.env.NODE_ENV': '"development"',
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      ...app.options,
    });
    const outputs = result.metafile.outputs;
    const lazy = new Set(Object.values(outputs).flatMap((output) => output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)));
    built[name] = {
      warnings: result.warnings,
      inputs: Object.keys(result.metafile.inputs),
      /** The chunks only a dynamic import() loads, as URL paths, with what they hold. */
      lazy: [...lazy].map((path) => ({ url: `/${name}/${basename(path)}`, inputs: Object.keys(outputs[path].inputs) })),
    };
    await writeFile(
      join(outdir, 'index.html'),
      `<!doctype html>\n<html lang="lv"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head>\n` +
        `<body>${app.mount}<script type="module" src="./app.js"></script></body></html>\n`,
    );
  }
  server = await serveFolder(site);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true, timeout: 30_000 });
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  await pkg?.cleanup();
});

/** The lazily loaded chunk with piekritu's dialogs: it holds lit-html, which nothing else of piekritu needs. */
const dialogsChunk = (name) =>
  built[name].lazy.find(
    (chunk) => chunk.inputs.includes('node_modules/lit-html/lit-html.js') && chunk.inputs.some((input) => input.startsWith('node_modules/piekritu/dist/')),
  );

async function openApp(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const log = { errors: [], console: [], requests: [] };
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && log.console.push(`${message.type()}: ${message.text()}`));
  page.on('request', (request) => log.requests.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}/${name}/`);
  return { page, log, close: () => context.close() };
}

/** The same story for every app: banner, decision seen by the app, the app's button opens the settings. */
async function exercise(name) {
  const { page, log, close } = await openApp(name);
  try {
    const element = page.locator('piekritu-consent');
    const accept = element.getByRole('button', { name: 'Piekrītu', exact: true });
    await accept.waitFor();
    // The banner lives in the element's shadow root, not in the framework's DOM.
    assert.equal(await page.evaluate(() => document.querySelector('piekritu-consent')?.shadowRoot?.querySelector('[part~="banner"]') != null), true);
    assert.equal(await page.evaluate(() => document.querySelector('[part~="banner"]')), null);
    // The attributes arrived as the element reads them (consent-mode is a boolean attribute).
    assert.equal(await element.getAttribute('revision'), '1');
    assert.equal(await element.evaluate((node) => node.hasAttribute('consent-mode')), true);
    assert.equal(await page.evaluate(() => (window.dataLayer ?? []).some((args) => args[0] === 'consent' && args[1] === 'default')), true);
    // The app saw the state before any decision.
    await page.locator('#analytics').getByText('Analytics: not decided').waitFor();
    // The dialogs (and lit-html) are not loaded yet: their chunk comes on demand.
    const dialogs = dialogsChunk(name).url;
    assert.equal(log.requests.includes(dialogs), false, `${dialogs} loaded before any dialog opened`);

    await accept.click();
    await page.locator('#analytics').getByText('Analytics: allowed').waitFor();
    await page.locator('#changed').getByText('Changed: preferences analytics marketing').waitFor();
    await element.locator('[part~="banner"]').waitFor({ state: 'detached' });

    // The app's own button opens the settings (element.show(), or data-piekritu-open on the plain page).
    await page.getByRole('button', { name: 'Cookie settings', exact: true }).click();
    const settings = element.getByRole('dialog', { name: 'Sīkdatņu iestatījumi' });
    await settings.waitFor();
    assert.ok(log.requests.includes(dialogs), 'the dialogs opened without their chunk being requested');
    await settings.getByRole('switch', { name: 'Analītikas' }).click();
    await settings.getByRole('button', { name: 'Saglabāt izvēli', exact: true }).click();
    await page.locator('#analytics').getByText('Analytics: refused').waitFor();
    await page.locator('#changed').getByText('Changed: analytics', { exact: true }).waitFor();
    await settings.waitFor({ state: 'hidden' });

    // The policy comes from the package itself ...
    await element.evaluate((node) => node.show('policy'));
    const policy = element.locator('[part~="policy"]');
    await policy.getByRole('heading', { name: 'Personas datu aizsardzība' }).waitFor();
    // ... from a chunk esbuild made of the package's policy module: nothing was copied by hand.
    assert.ok(built[name].lazy.some((chunk) => log.requests.includes(chunk.url) && chunk.inputs.some((input) => /piekritu\/dist\/texts\/policy-lv\.js$/.test(input))));

    // A returning visitor: no banner, and the app knows the stored choice without any click
    // (React's effect runs after consent-ready fired, so it reads element.consent).
    await page.reload();
    await page.locator('#analytics').getByText('Analytics: refused').waitFor();
    assert.equal(await element.locator('[part~="banner"]').count(), 0);

    assert.deepEqual(log.errors, [], 'page errors');
    // The bundled example policy opened on a host other than ankravs.lv: the one warning due.
    const policyWarnings = log.console.filter((line) => line.includes('bundled example of SIA'));
    assert.equal(policyWarnings.length, 1, 'the warning that the bundled policy is not this site\'s');
    assert.deepEqual(
      log.console.filter((line) => !policyWarnings.includes(line)),
      [],
      'console errors and warnings (a Vue "Failed to resolve component" among them)',
    );
    assert.deepEqual(server.missing, [], 'requests the server answered 404');
  } finally {
    await close();
  }
}

describe('bundled apps in Chromium', () => {
  it('each app bundles piekritu from the packed package, not from the repository', () => {
    for (const [name, { inputs, warnings }] of Object.entries(built)) {
      assert.deepEqual(warnings, [], `${name}: esbuild warnings`);
      const own = inputs.filter((input) => input.includes('piekritu/dist/'));
      assert.ok(own.length > 0, `${name}: no input from node_modules/piekritu/dist`);
      assert.ok(own.every((input) => input.startsWith('node_modules/piekritu/dist/')), `${name}: ${own.join(', ')}`);
      // The ES build's import() of its dialogs survives as a chunk of its own, holding the template engine.
      assert.ok(dialogsChunk(name), `${name}: no lazily loaded chunk holds piekritu's dialogs and lit-html`);
    }
  });

  it('plain bundler: import \'piekritu\', element in the HTML, data-piekritu-open button', { timeout: 60_000 }, () => exercise('vanilla'));
  it('React 19: ref + useEffect listener, show() from a React button', { timeout: 60_000 }, () => exercise('react'));
  it('Vue 3 single-file component: @consent-change, isCustomElement in the compiler options', { timeout: 60_000 }, () => exercise('vue'));
  it('Vue 3 full build: template string, app.config.compilerOptions.isCustomElement', { timeout: 60_000 }, () => exercise('vue-runtime'));
});

describe('the Vue recipe, type-checked by vue-tsc with piekritu/vue', () => {
  it('compiles the single-file component; a misspelt attribute, a wrong value and a wrong detail fail', { timeout: 180_000 }, async () => {
    const folder = join(pkg.project, 'vue-types');
    await copyFixtures(pkg.project, 'vue-types');
    await cp(join(FIXTURES, 'vue/App.vue'), join(folder, 'App.vue'));
    // vue-tsc (a dev tool, like tsc) runs from the repository; piekritu and vue resolve from the app.
    const result = await exec(process.execPath, [join(REPO, 'node_modules/vue-tsc/bin/vue-tsc.js'), '-p', 'tsconfig.json', '--pretty', 'false'], {
      cwd: folder,
      timeout: 170_000,
    });
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    assert.equal(errors.length, 3, `expected three errors, all in Typo.vue, got:\n${result.stdout}${result.stderr}`);
    assert.match(errors[0], /^Typo\.vue\(6,\d+\): error TS2561: .*'revison' does not exist/);
    assert.match(errors[1], /^Typo\.vue\(7,\d+\): error TS2322: Type '"blue"' is not assignable/);
    assert.match(errors[2], /^Typo\.vue\(8,\d+\): error TS2551: Property 'changedd' does not exist on type 'ConsentChangeDetail'/);
  });
});

describe('the React recipe, type-checked and rendered on the server', () => {
  it('compiles with React 19\'s types and the <piekritu-consent> JSX declaration', { timeout: 120_000 }, async () => {
    const result = await tsc(join(pkg.project, 'src/react/tsconfig.json'));
    assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
  });

  it('renders to a string in Node (no DOM): the element is emitted, nothing throws', { timeout: 60_000 }, async () => {
    const out = join(pkg.project, 'ssr/CookieConsent.mjs');
    await mkdir(dirname(out), { recursive: true });
    await build({
      entryPoints: [join(pkg.project, 'src/react/CookieConsent.tsx')],
      absWorkingDir: pkg.project,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      jsx: 'automatic',
      outfile: out,
      logLevel: 'silent',
    });
    const script = `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      const { CookieConsent } = await import('./ssr/CookieConsent.mjs');
      console.log(renderToString(createElement(CookieConsent)));`;
    const result = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg.project, timeout: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /<piekritu-consent revision="1" consent-mode=""><\/piekritu-consent>/);
    assert.match(result.stdout, /Analytics: <!-- -->not decided/);
  });
});
