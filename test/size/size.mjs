#!/usr/bin/env node
/**
 * `npm run size`: what the built script costs on the wire, and the budget CI enforces.
 *
 * The critical path is what must arrive before the banner can show: on a Latvian page
 * `dist/piekritu.min.js` alone (it carries its CSS and the Latvian banner texts), on an
 * English or Russian page that script plus `locales/<lang>.banner.json`. Each language's
 * path is budgeted. The other scripts beside it load after the banner or when the dialogs
 * open, the policy texts when it opens: all listed, none budgeted. Peers are measured
 * from node_modules in the same run, JS and CSS together (their banners need both); a
 * missing peer is reported, never a failure.
 *
 * Exits 1 when any language's critical path is over BUDGET_GZIP (or the build is missing), else 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bytes, kB, table } from './format.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The critical-path budget, gzip -9 bytes: 12 KiB. */
export const BUDGET_GZIP = 12 * 1024;

/** The classic script: everything a Latvian page's banner needs. */
export const CRITICAL = ['dist/piekritu.min.js'];

/** Raw, gzip (level 9) and brotli (quality 11, text mode) sizes of a buffer. */
export function compressedSizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Sizes of a file given relative to `root` (the repository); `null` when it does not exist. */
export function sizesOf(path, root = ROOT) {
  const absolute = join(root, path);
  return existsSync(absolute) ? { path, ...compressedSizes(readFileSync(absolute)) } : null;
}

const sum = (entries) =>
  entries.reduce((total, entry) => ({ raw: total.raw + entry.raw, gzip: total.gzip + entry.gzip, brotli: total.brotli + entry.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });

/**
 * The critical path against the budget. Throws when the build is missing: a size check
 * that passes on nothing would be worse than one that stops. `root` holds `dist/`
 * (the benchmark passes its snapshot of it).
 */
export function criticalPath(root = ROOT) {
  const files = CRITICAL.map((path) => {
    const sizes = sizesOf(path, root);
    if (!sizes) throw new Error(`${path} is missing: run \`npm run build\` first.`);
    return sizes;
  });
  const total = sum(files);
  return { files, ...total, budget: BUDGET_GZIP, within: total.gzip <= BUDGET_GZIP };
}

/**
 * Everything the classic script fetches after the banner: the other minified scripts beside
 * it (the dialogs, and any on-demand script added later), then the JSON texts.
 */
export function laterFiles() {
  const list = (folder, suffix) =>
    existsSync(join(ROOT, folder))
      ? readdirSync(join(ROOT, folder))
          .filter((name) => name.endsWith(suffix))
          .sort()
          .map((name) => `${folder}/${name}`)
      : [];
  const scripts = new Set(['dist/piekritu-views.min.js', ...list('dist', '.min.js')]);
  for (const path of CRITICAL) scripts.delete(path);
  return [...scripts, ...list('dist/locales', '.json'), ...list('dist/locales/policy', '.json')].map(
    (path) => sizesOf(path) ?? { path, missing: true },
  );
}

const version = (name) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
};

/** The peers as the benchmark pages load them: the script and the stylesheet of each. */
export const PEERS = [
  {
    name: 'vanilla-cookieconsent',
    files: ['node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js', 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css'],
  },
  { name: 'orejime', files: ['node_modules/orejime/dist/orejime-standard-en.js', 'node_modules/orejime/dist/orejime-standard.css'] },
  { name: 'cookieconsent', label: 'Osano cookieconsent', files: ['node_modules/cookieconsent/build/cookieconsent.min.js', 'node_modules/cookieconsent/build/cookieconsent.min.css'] },
];

/** Each peer's files and total, or `missing` when it is not installed. */
export function peerSizes() {
  return PEERS.map((peer) => {
    const files = peer.files.map((path) => sizesOf(path));
    const label = `${peer.label ?? peer.name} ${version(peer.name) ?? ''}`.trim();
    return files.every(Boolean) ? { ...peer, label, files, total: sum(files) } : { ...peer, label, missing: true };
  });
}

/**
 * When the classic script fetches each file, as src/elements/consent.component.ts and the
 * dialogs do it today: keep in step with them. Latvian texts are bundled, never fetched;
 * another language's banner texts are fetched before that language's banner can show.
 */
const LOADING = [
  [/^dist\/piekritu-views\.min\.js$/, 'when the settings or the policy first open'],
  [/^dist\/piekritu-placeholders\.min\.js$/, 'when an embed on the page waits for consent'],
  [/^dist\/piekritu-runtime\.min\.js$/, 'after the banner: at once for a returning visitor, when idle or at the first choice for a new one'],
  [/^dist\/.+\.min\.js$/, 'after the banner, on demand'],
  [/^dist\/locales\/policy\//, 'when the policy opens'],
  [/^dist\/locales\/(\w+)\.renew\.json$/, 'when a stored "$1" choice lapsed, before that banner'],
  [/^dist\/locales\/lv\.(banner|dialogs)\.json$/, 'not fetched: Latvian is bundled (unless locales-src)'],
  [/^dist\/locales\/(\w+)\.banner\.json$/, 'before the banner on a page in "$1"', { beforeBanner: true }],
  [/^dist\/locales\/(\w+)\.dialogs\.json$/, 'when the settings or policy open in "$1"'],
  [/^dist\/locales\/\w+\.json$/, 'not fetched by the classic script (whole locale)'],
];

function loading(path) {
  const rule = LOADING.find(([pattern]) => pattern.test(path));
  if (!rule) return { when: 'later' };
  const [pattern, when, flags] = rule;
  const lang = pattern.exec(path)[1];
  return { when: lang ? when.replace('$1', lang) : when, lang, ...flags };
}

/**
 * The ES build in an app: what `import 'piekritu'` adds to the app's entry, built by Vite
 * (the bundler most apps use) with its defaults: the entry chunk and every chunk it imports
 * statically, each compressed on its own as a server sends them. The chunks that load later
 * (runtime, dialogs, placeholders, texts) are not counted.
 */
export async function esEntry() {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { build } = await import('vite');
  const app = mkdtempSync(join(tmpdir(), 'piekritu-size-'));
  try {
    writeFileSync(join(app, 'main.js'), `import ${JSON.stringify(join(ROOT, 'dist/piekritu.js'))};\n`);
    const result = await build({ root: app, configFile: false, logLevel: 'silent', build: { write: false, rollupOptions: { input: join(app, 'main.js') } } });
    const chunks = new Map((Array.isArray(result) ? result[0] : result).output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
    const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
    const names = new Set();
    const walk = (name) => {
      if (names.has(name)) return;
      names.add(name);
      for (const imported of chunks.get(name).imports) walk(imported);
    };
    walk(entry.fileName);
    return sum([...names].map((name) => compressedSizes(Buffer.from(chunks.get(name).code))));
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

const row = (name, sizes, note = '') => [name, bytes(sizes.raw), bytes(sizes.gzip), bytes(sizes.brotli), note];

async function report() {
  let critical;
  try {
    critical = criticalPath();
  } catch (error) {
    console.error(`size: ${error.message}`);
    return 1;
  }
  const later = laterFiles();
  const present = later.filter((entry) => !entry.missing);
  const peers = peerSizes();
  // Each language's critical path: the script, plus that language's banner texts when not bundled.
  const paths = [
    { lang: 'lv', sizes: critical },
    ...present
      .map((entry) => ({ entry, ...loading(entry.path) }))
      .filter(({ beforeBanner }) => beforeBanner)
      .map(({ entry, lang }) => ({ lang, sizes: sum([critical, entry]) })),
  ];

  console.log('piekritu: bytes on the wire (gzip -9 and brotli q11 from node:zlib; 1 kB = 1000 B)\n');
  console.log(
    table(
      ['file', 'raw', 'gzip', 'brotli', 'loaded'],
      [
        ...critical.files.map((file) => row(file.path, file, 'before the banner (critical)')),
        ...later.map((entry) => (entry.missing ? [entry.path, '–', '–', '–', 'MISSING'] : row(entry.path, entry, loading(entry.path).when))),
        null,
        ...paths.map(({ lang, sizes }) => row(`critical path, "${lang}" page (budgeted)`, sizes, `${kB(sizes.gzip)} gzip`)),
        row('all files besides the script', sum(present), 'a page needs few of them'),
      ],
      { right: [1, 2, 3] },
    ),
  );

  console.log('\nPeers, measured in this run (JS + CSS: their banners need both before showing)\n');
  const peerRows = [];
  for (const peer of peers) {
    if (peer.missing) {
      peerRows.push([peer.label, '–', '–', '–', 'not installed (skipped)']);
      continue;
    }
    for (const file of peer.files) peerRows.push(row(`  ${relative('node_modules', file.path)}`, file));
    peerRows.push(row(`${peer.label} total`, peer.total, `${kB(peer.total.gzip)} gzip`), null);
  }
  peerRows.push(row('piekritu critical path (JS incl. CSS)', critical, `${kB(critical.gzip)} gzip`));
  console.log(table(['peer', 'raw', 'gzip', 'brotli', ''], peerRows, { right: [1, 2, 3] }));

  const vanilla = peers.find((peer) => peer.name === 'vanilla-cookieconsent' && !peer.missing);
  console.log(
    `\nReference: vanilla-cookieconsent 3.1 ships ~10.2 kB gzip JS + 5.3 kB CSS` +
      (vanilla ? ` (measured here: ${kB(vanilla.files[0].gzip)} + ${kB(vanilla.files[1].gzip)} = ${kB(vanilla.total.gzip)}).` : ' (not installed here).'),
  );

  const budget = `${bytes(BUDGET_GZIP)} B gzip (${BUDGET_GZIP / 1024} KiB)`;
  let failed = 0;
  console.log('');
  try {
    const es = await esEntry();
    const spare = BUDGET_GZIP - es.gzip;
    console.log(
      `ES build: \`import 'piekritu'\` adds ${bytes(es.raw)} B raw, ${bytes(es.gzip)} B gzip, ${bytes(es.brotli)} B brotli to an app's entry (Vite build, the entry and the chunks it imports).`,
    );
    // Reported, not yet enforced: the figure is over the budget today.
    if (spare >= 0) console.log(`PASS: the ES build's entry addition is within the budget of ${budget}, ${bytes(spare)} B to spare.`);
    else console.log(`NOT MET (not enforced): the ES build's entry addition is over the budget of ${budget} by ${bytes(-spare)} B.`);
  } catch (error) {
    console.log(`ES build: not measured (${error.message}).`);
  }
  for (const { lang, sizes } of paths) {
    const spare = BUDGET_GZIP - sizes.gzip;
    if (spare >= 0) console.log(`PASS: "${lang}" critical path ${bytes(sizes.gzip)} B gzip is within the budget of ${budget}, ${bytes(spare)} B to spare.`);
    else {
      failed += 1;
      console.error(`FAIL: "${lang}" critical path ${bytes(sizes.gzip)} B gzip is over the budget of ${budget} by ${bytes(-spare)} B.`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await report();
