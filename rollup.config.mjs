import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import ts from 'typescript';

/** In the source tree the locales sit two folders up; in dist/ they sit beside the classic scripts. */
const distLayout = {
  name: 'piekritu-dist-layout',
  transform(code, id) {
    if (!id.endsWith('src/platform/assets.classic.ts')) return null;
    return { code: code.replace("'../../locales/'", "'./locales/'"), map: null };
  },
};

/**
 * `locales/<lang>.<group>.json` imported in the source: one group of `locales/<lang>.json`,
 * as the build splits them below. And a policy that src/platform/assets.ts loads: a module
 * apart from the one whose `version` the element reads, so the text stays out of it.
 * Modules of their own, so an app's entry chunk holds none of these texts.
 */
const LOCALE_GROUP = '\0piekritu-locale:';
const localeGroups = {
  name: 'piekritu-locale-groups',
  resolveId(source, importer) {
    const group = /locales\/([a-z]{2})\.(banner|renew|dialogs)\.json$/.exec(source);
    if (group) return `${LOCALE_GROUP}${group[1]}.${group[2]}`;
    const policy = /locales\/policy\/([a-z]{2})\.json$/.exec(source);
    return policy && importer?.endsWith('src/platform/assets.ts') ? `${LOCALE_GROUP}policy-${policy[1]}` : null;
  },
  load(id) {
    if (!id.startsWith(LOCALE_GROUP)) return null;
    const name = id.slice(LOCALE_GROUP.length);
    const [lang, group] = name.startsWith('policy-') ? [`policy/${name.slice(7)}`] : name.split('.');
    const data = JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8'));
    return `export default ${JSON.stringify(group ? data[group] : data)};`;
  },
};

/**
 * The locale files travel beside the scripts. Each language's UI file is also split in two:
 * `<lang>.banner.json` (fetched before a non-Latvian banner shows) and `<lang>.dialogs.json`
 * (fetched with the dialogs), so the critical path carries only what the banner needs.
 */
const locales = {
  name: 'piekritu-locales',
  generateBundle() {
    const emit = (fileName, data) => this.emitFile({ type: 'asset', fileName, source: JSON.stringify(data) });
    for (const file of readdirSync('locales/policy').filter((name) => name.endsWith('.json'))) {
      emit(`locales/policy/${file}`, JSON.parse(readFileSync(`locales/policy/${file}`, 'utf8')));
    }
    for (const file of readdirSync('locales').filter((name) => name.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(`locales/${file}`, 'utf8'));
      const lang = file.slice(0, -'.json'.length);
      emit(`locales/${file}`, data);
      for (const [group, table] of Object.entries(data)) emit(`locales/${lang}.${group}.json`, table);
    }
  },
};

/**
 * Lit's html`` and css`` templates keep the source's indentation; terser cannot touch
 * template text. Collapse it before compiling: a few hundred bytes of the critical path.
 */
const minifyTemplates = {
  name: 'piekritu-minify-templates',
  transform(code, id) {
    if (!/src\/elements\/.*\.ts$/.test(id)) return null;
    const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
    const edits = [];
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && ['html', 'css'].includes(node.tag.getText(source))) {
        const squeeze = node.tag.getText(source) === 'css' ? squeezeCss : squeezeHtml;
        const template = node.template;
        const parts = ts.isNoSubstitutionTemplateLiteral(template)
          ? [template]
          : [template.head, ...template.templateSpans.map((span) => span.literal)];
        for (const part of parts) {
          // The raw text between the backtick or `}` and the next `${` or backtick.
          const start = part.getStart(source) + 1;
          const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
          edits.push([start, end, squeeze(code.slice(start, end))]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    let out = code;
    for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
    return { code: out, map: null };
  },
};
const squeezeHtml = (text) => text.replace(/\s*\n\s*/g, ' ').replace(/>\s+</g, '><');
const squeezeCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();

/**
 * The classic script loads its later parts as scripts beside it instead of ES chunks, and
 * finds its texts beside itself instead of naming each file for an app's bundler.
 */
const classicChunks = {
  name: 'piekritu-classic-chunks',
  async resolveId(source, importer) {
    if (!/\/(chunks|assets)\.js$/.test(source) || !importer) return null;
    const resolved = await this.resolve(source.replace(/\.js$/, '.classic.js'), importer, { skipSelf: true });
    return resolved?.id ?? null;
  },
};

/** The CDN snippet for this build, with its Subresource Integrity hash. */
const integrity = {
  name: 'piekritu-integrity',
  writeBundle(options, bundle) {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const file of Object.values(bundle).filter((item) => item.type === 'chunk')) {
      const hash = createHash('sha384').update(file.code).digest('base64');
      console.log(
        `<script src="https://cdn.jsdelivr.net/npm/piekritu@${version}/dist/${file.fileName}"\n` +
          `        integrity="sha384-${hash}" crossorigin="anonymous" defer></script>`,
      );
    }
  },
};

/**
 * V8's explicit compile hint: every function of the file compiles eagerly, on the thread
 * that streams the script in, instead of lazily on the main thread the first time it is
 * called (which parses each function twice). Only for the scripts whose code nearly all
 * runs at start: the banner script and the runtime. Must be the file's first line.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
const minify = ({ eager = false } = {}) =>
  terser({ ecma: 2022, module: false, compress: { passes: 3 }, format: { comments: false, preamble: eager ? COMPILE_HINT : undefined } });

const compile = (outDir = 'dist') =>
  typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, outDir, declaration: false });
const jsonData = () => json({ preferConst: true, compact: true });

/** A later part of the classic build: an IIFE that hands its exports to the first script. */
const classicChunk = (name, { eager = false, input = `src/elements/${name}.classic.ts` } = {}) => ({
  input,
  output: { file: `dist/piekritu-${name}.min.js`, format: 'iife', sourcemap: true },
  plugins: [classicChunks, distLayout, localeGroups, minifyTemplates, jsonData(), resolve(), compile(), minify({ eager })],
});

/**
 * The instant snippet, one per language (dist/snippet/<lang>.html), written by the server
 * renderer just built: the stub for <head>, the script, and the element with its banner in
 * a declarative shadow root. Prints the stub's size and the hashes a strict CSP allows.
 */
const snippets = {
  name: 'piekritu-snippets',
  async writeBundle() {
    const { renderHead, renderElement, CSP_HASHES, STUB } = await import(`./dist/ssr.js?${Date.now()}`);
    mkdirSync('dist/snippet', { recursive: true });
    const csp = `script-src '${CSP_HASHES.script}'; style-src '${CSP_HASHES.style}'`;
    for (const lang of ['lv', 'en', 'ru']) {
      const snippet = [
        `<!-- piekritu instant snippet (${lang}): in <head>, before any tag that reads dataLayer. -->`,
        `<!-- A strict CSP allows it by a nonce (piekritu/ssr renders one in) or by: ${csp} -->`,
        renderHead({ attributes: { 'consent-mode': true } }),
        '<script src="/piekritu/piekritu.min.js" defer></script>',
        '<!-- At the start of <body>: the banner, drawn with the page. Keep its attributes and the stub\'s data-* in step. -->',
        renderElement({ lang, attributes: { 'consent-mode': true } }),
        '',
      ].join('\n');
      writeFileSync(`dist/snippet/${lang}.html`, snippet);
    }
    const gzipped = gzipSync(STUB, { level: 9 }).length;
    console.log(`instant snippet stub: ${STUB.length} B (${gzipped} B gzip); CSP: ${csp}`);
  },
};

/** The ES build's text modules go to `dist/texts/` (`dist/locales/` holds the classic build's JSON). */
const esFileName = ({ name }) => `${name.replace(/^(locales\/|_virtual\/_piekritu-locale_)/, 'texts/')}.js`;

export default [
  {
    input: 'src/piekritu.ts',
    output: { file: 'dist/piekritu.min.js', format: 'iife', sourcemap: true },
    plugins: [classicChunks, distLayout, localeGroups, minifyTemplates, jsonData(), resolve(), compile(), minify({ eager: true }), locales, integrity],
  },
  classicChunk('runtime', { eager: true }),
  classicChunk('views'),
  classicChunk('placeholders', { input: 'src/elements/placeholder/placeholders.classic.ts' }),
  {
    // One file per source module: an app's bundler cannot split a file of ours, so only with
    // them apart does it keep what the dialogs or the runtime need out of the app's entry chunk.
    input: { piekritu: 'src/index.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: esFileName, preserveModules: true, preserveModulesRoot: 'src' },
    external: (id) => /^(lit|@lit\/reactive-element|js-cookie)(\/|$)/.test(id),
    plugins: [localeGroups, minifyTemplates, jsonData(), compile()],
  },
  // `piekritu/server`, for Node: one file (its files beside it are found from dist/).
  {
    input: { server: 'src/server/index.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'server-[name].js' },
    external: (id) => /^(lit|@lit\/reactive-element|js-cookie|node:.*|better-sqlite3|pg)(\/|$)/.test(id),
    plugins: [distLayout, localeGroups, minifyTemplates, jsonData(), compile()],
  },
  {
    input: { ssr: 'src/ssr/index.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'ssr-[name].js' },
    external: (id) => /^(lit|@lit\/reactive-element|node:.*)(\/|$)/.test(id),
    plugins: [localeGroups, minifyTemplates, jsonData(), compile(), snippets],
  },
  // The records dashboard's page script, chart.js included: consumers install nothing more.
  {
    input: 'src/server/records/dashboard.client.ts',
    output: { file: 'dist/dashboard/dashboard.js', format: 'iife', sourcemap: true },
    plugins: [resolve(), compile(), minify()],
  },
  // `npx piekritu …`: an ES module for Node, each command a chunk loaded on demand; the
  // browser and database drivers stay optional.
  {
    input: { index: 'src/cli/index.ts' },
    output: { dir: 'dist/cli', format: 'es', banner: '#!/usr/bin/env node', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    external: (id) => /^(node:.*|playwright-core|better-sqlite3|pg)(\/|$)/.test(id),
    plugins: [jsonData(), compile('dist/cli')],
  },
];
