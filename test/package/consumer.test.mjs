/**
 * The published package from a consumer's side: what the tarball holds, that its types
 * reach a strict TypeScript project, that Node can import it (server-side rendering), and
 * that a bundler keeps the element's registration.
 *
 *   npm run build && node --test test/package/
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { copyFixtures, exec, packAndInstall, REPO, tsc } from './support.mjs';

let pkg;
before(async () => {
  pkg = await packAndInstall();
  console.log(`packed ${pkg.files.length} files, ${pkg.size} bytes; installed by ${pkg.how}`);
}, { timeout: 240_000 });
after(() => pkg?.cleanup());

/** Every path a package.json field or the exports map points at (without "./"). */
function pointedAt(manifest) {
  const paths = [];
  for (const field of ['main', 'module', 'types', 'typings', 'unpkg', 'jsdelivr', 'browser', 'customElements']) {
    if (typeof manifest[field] === 'string') paths.push({ field, path: manifest[field] });
  }
  const walk = (value, where) => {
    if (typeof value === 'string') paths.push({ field: where, path: value });
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, `${where}[${JSON.stringify(key)}]`);
  };
  walk(manifest.exports, 'exports');
  return paths.map(({ field, path }) => ({ field, path: path.replace(/^\.\//, '') }));
}

describe('the tarball', () => {
  it('holds both classic scripts, the ES build, the types, the locales, LICENSE and README', () => {
    const files = new Set(pkg.files);
    for (const file of [
      'package.json',
      'LICENSE',
      'README.md',
      'dist/piekritu.min.js',
      'dist/piekritu-views.min.js',
      'dist/piekritu.js',
      'dist/types/src/index.d.ts',
      'dist/locales/lv.json',
      'dist/locales/en.json',
      'dist/locales/ru.json',
      'dist/locales/policy/lv.json',
      'dist/locales/policy/en.json',
      'dist/locales/policy/ru.json',
    ]) {
      assert.ok(files.has(file), `${file} is missing from the tarball`);
    }
  });

  it('holds every file the build put in dist/ (every chunk of both builds, the maps, the types)', async () => {
    const built = (await readdir(join(REPO, 'dist'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => relative(REPO, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'));
    assert.ok(built.length > 0);
    assert.deepEqual(built.filter((file) => !pkg.files.includes(file)).sort(), []);
  });

  it('holds nothing of test/, demo/, node_modules or the repository tooling', () => {
    const unwanted = pkg.files.filter((file) =>
      /^(test|demo|\.ci|\.github|coverage)\//.test(file) || /(^|\/)node_modules\//.test(file) || /^(rollup\.config|tsconfig|web-test-runner)/.test(file),
    );
    assert.deepEqual(unwanted, []);
  });

  it('holds every file package.json points at', async () => {
    const manifest = JSON.parse(await readFile(join(pkg.packageDir, 'package.json'), 'utf8'));
    const files = new Set(pkg.files);
    const missing = pointedAt(manifest).filter(({ path }) =>
      path.includes('*') ? !pkg.files.some((file) => file.startsWith(path.slice(0, path.indexOf('*')))) : !files.has(path),
    );
    assert.deepEqual(missing, [], 'package.json points at files the tarball does not hold');
  });

  it('(when package.json has "exports") resolves every subpath in Node to a packed file', { timeout: 60_000 }, async (t) => {
    const { exports } = JSON.parse(await readFile(join(pkg.packageDir, 'package.json'), 'utf8'));
    if (!exports) return t.skip('package.json has no "exports" map');
    const importTarget = (value) => (typeof value === 'string' ? value : value && (value.import ?? value.default));
    const specifiers = [];
    for (const [key, value] of Object.entries(exports)) {
      const target = importTarget(value);
      if (typeof target !== 'string') continue;
      if (!key.includes('*')) {
        specifiers.push({ specifier: `piekritu${key.slice(1)}`, file: target.slice(2) });
        continue;
      }
      // A pattern: try it with one real file of the tarball that the target pattern matches.
      const [before, after] = target.slice(2).split('*');
      const sample = pkg.files.find((file) => file.startsWith(before) && file.endsWith(after));
      assert.ok(sample, `exports ${key} -> ${target} matches no packed file`);
      const star = sample.slice(before.length, sample.length - after.length);
      specifiers.push({ specifier: `piekritu${key.slice(1).replace('*', star)}`, file: sample });
    }
    const script = `console.log(JSON.stringify(${JSON.stringify(specifiers.map((s) => s.specifier))}.map((s) => import.meta.resolve(s))))`;
    const result = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg.project, timeout: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    const resolved = JSON.parse(result.stdout);
    specifiers.forEach(({ specifier, file }, i) => {
      assert.equal(resolved[i], pathToFileURL(join(pkg.packageDir, file)).href, specifier);
      assert.ok(pkg.files.includes(file), `${specifier} -> ${file}, which is not packed`);
    });
  });

  it('ships the ES build\'s chunks that its entry imports', async () => {
    const entry = await readFile(join(pkg.packageDir, 'dist/piekritu.js'), 'utf8');
    const relative = [...entry.matchAll(/(?:from|import)\s*\(?\s*['"](\.\/[^'"]+)['"]/g)].map((match) => `dist/${match[1].slice(2)}`);
    assert.ok(relative.length > 0, 'the entry imports no chunk: the check below would prove nothing');
    for (const file of relative) assert.ok(pkg.files.includes(file), `dist/piekritu.js imports ${file}, which is not packed`);
  });
});

describe('the install', () => {
  it('lays piekritu and its dependencies out as real folders in the consumer\'s node_modules, as npm would', async () => {
    const { lstat, realpath } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(join(pkg.packageDir, 'package.json'), 'utf8'));
    for (const name of ['piekritu', ...Object.keys(manifest.dependencies ?? {})]) {
      const folder = join(pkg.project, 'node_modules', name);
      assert.ok(!(await lstat(folder)).isSymbolicLink(), `${name} is a link, so a bundler would see the repository's path`);
      assert.equal(await realpath(folder), folder, `${name} resolves outside the consumer project`);
    }
  });
});

describe('the custom elements manifest', () => {
  const ATTRIBUTES = ['lang', 'categories', 'revision', 'cookie-name', 'cookie-domain', 'cookie-path', 'cookie-days', 'policy-url', 'consent-mode', 'log-endpoint', 'ignore-gpc', 'theme', 'position'];
  const EVENTS = ['consent-ready', 'consent-change', 'consent-show', 'consent-hide', 'consent-cleanup'];
  const METHODS = ['acceptAll', 'rejectAll', 'save', 'show', 'hide', 'reset'];

  it('(when package.json names one) declares <piekritu-consent> with its attributes, events and methods', async (t) => {
    const manifestPath = JSON.parse(await readFile(join(pkg.packageDir, 'package.json'), 'utf8')).customElements;
    if (!manifestPath) return t.skip('package.json has no "customElements" field');
    const manifest = JSON.parse(await readFile(join(pkg.packageDir, manifestPath), 'utf8'));
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
    const element = declarations.find((declaration) => declaration.customElement && declaration.tagName === 'piekritu-consent');
    assert.ok(element, `no declaration with tagName "piekritu-consent" (found: ${declarations.filter((d) => d.customElement).map((d) => d.tagName).join(', ')})`);
    const attributes = (element.attributes ?? []).map((attribute) => attribute.name);
    assert.deepEqual(ATTRIBUTES.filter((name) => !attributes.includes(name)), [], 'documented attributes missing');
    assert.deepEqual(attributes.filter((name) => !/^[a-z-]+$/.test(name)), [], 'internal state listed as attributes');
    assert.deepEqual(EVENTS.filter((name) => !(element.events ?? []).some((event) => event.name === name)), [], 'events missing');
    const methods = (element.members ?? []).filter((member) => member.kind === 'method' && member.privacy !== 'private').map((member) => member.name);
    assert.deepEqual(METHODS.filter((name) => !methods.includes(name)), [], 'methods missing');
  });
});

describe('a TypeScript consumer (moduleResolution bundler, strict, lib dom)', () => {
  before(() => copyFixtures(pkg.project, 'types'));

  it('compiles against the package\'s own types: tag map, event map, named exports', { timeout: 120_000 }, async () => {
    const result = await tsc(join(pkg.project, 'types/tsconfig.json'));
    assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
  });

  it('refuses a wrong event detail property', { timeout: 120_000 }, async () => {
    const result = await tsc(join(pkg.project, 'types/tsconfig.wrong.json'));
    assert.notEqual(result.code, 0, 'wrong-detail.ts compiled: the consent-change detail is not typed');
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    // Exactly the intended error, on the detail's own type (not "Event has no detail", not a missing module).
    assert.equal(errors.length, 1, `expected one error, got:\n${result.stdout}`);
    assert.match(errors[0], /wrong-detail\.ts\(6,\d+\): error TS2339: Property 'changedCategories' does not exist on type 'ConsentChangeDetail'/);
  });
});

describe('piekritu/server (the proof-of-consent handler)', () => {
  it('resolves in Node', { timeout: 60_000 }, async () => {
    const result = await exec(process.execPath, ['-e', "import('piekritu/server').then((m) => console.log(typeof m.consentHandler))"], {
      cwd: pkg.project,
      timeout: 30_000,
    });
    assert.equal(result.code, 0, `import('piekritu/server') failed:\n${result.stderr}`);
    assert.equal(result.stdout.trim(), 'function');
  });

  it('is typed for a TypeScript consumer', { timeout: 120_000 }, async () => {
    await pkg.add('@types/node');
    const result = await tsc(join(pkg.project, 'types/tsconfig.server.json'));
    assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
  });
});

describe('Node, no DOM (server-side rendering)', () => {
  it('`node -e "import(\'piekritu\')"` does not throw', { timeout: 60_000 }, async () => {
    const result = await exec(process.execPath, ['-e', "import('piekritu').then((m) => console.log(Object.keys(m).sort().join(' ')))"], {
      cwd: pkg.project,
      timeout: 30_000,
    });
    assert.equal(result.code, 0, `importing piekritu in Node failed:\n${result.stderr}`);
    assert.equal(result.stderr, '');
    for (const name of ['PiekrituConsent', 'decode', 'encode', 'createApi']) assert.ok(result.stdout.split(' ').map((s) => s.trim()).includes(name), name);
  });

  it('a server can read the consent cookie with the package\'s codec', { timeout: 60_000 }, async () => {
    const script = `
      const { decode, encode } = await import('piekritu');
      const cookie = encode({ id: '3b2c9a4e-0000-4000-8000-000000000001', timestamp: 1764057600000, revision: '1', policyVersion: '2026-11-25', granted: ['analytics'], denied: ['marketing'], source: 'user' });
      console.log(JSON.stringify({ cookie, back: decode(cookie), bad: decode('v=9&x') }));`;
    const result = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg.project, timeout: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    const { cookie, back, bad } = JSON.parse(result.stdout);
    assert.match(cookie, /^v=1&id=3b2c9a4e-0000-4000-8000-000000000001&t=1764057600&r=1&p=2026-11-25&g=analytics&d=marketing&s=u$/);
    assert.deepEqual(back.granted, ['analytics']);
    assert.equal(bad, null);
  });
});

describe('a bundler', () => {
  const bundle = (contents) =>
    build({
      stdin: { contents, resolveDir: pkg.project, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      splitting: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0].text);

  it('keeps the registration of a bare `import \'piekritu\'` (sideEffects must not drop it)', async () => {
    const code = await bundle("import 'piekritu';");
    assert.match(code, /customElements\.define\(/);
    assert.match(code, /piekritu-consent/);
  });
});
