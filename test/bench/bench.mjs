#!/usr/bin/env node
/**
 * `npm run bench`: how soon and how cheaply the banner shows, against peers and a static floor.
 *
 *   node test/bench/bench.mjs [--rounds 15] [--warmup 1] [--reduced-motion] [--strict] [--timeout 600] [--rtt 150]
 *
 * `--rtt N`: a second network profile, every response N ms of round trip later
 * (CDP `Network.emulateNetworkConditions`, bandwidth unlimited), as a distant visitor sees it.
 *
 * Debian's Chromium, headless, 4× CPU throttling, a fresh browser context per run (no
 * cookie, cache or compiled code carries over), pages taken in turn round after round so
 * that drift (thermal, other load) spreads over all of them. Ratios are paired: computed
 * within a round, then the median taken. It reports; it exits 0 even when a target is
 * missed (the size check is what CI enforces) unless `--strict`. An invalid run (a request
 * off localhost, a page error, a failed response, a banner that never shows) exits 1.
 */
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { BUDGET_GZIP, criticalPath, ROOT } from '../size/size.mjs';
import { bytes, kB, ms, ratio, table } from '../size/format.mjs';

const CPU_THROTTLING = 4;
const TARGETS = { vsStatic: 1.3, vsFastestPeer: 0.8, scriptMs: 20, longTaskMs: 50, instantVsStatic: 1.1, instantVsFastestPeer: 0.75 };
/** After the banner shows: late layout shifts, long tasks and the peers' fade-ins land in here. */
const QUIET_MS = 500;
const BANNER_TIMEOUT_MS = 10_000;
const VIEWPORT = { width: 1280, height: 720 };
/** Round-trip time added to every request (`--rtt`); 0: localhost as it is. */
let RTT_MS = 0;

const PAGES = [
  { id: 'static', label: 'static floor', banner: { selector: '.banner' } },
  {
    id: 'lit-floor',
    label: 'bare Lit element',
    banner: { host: 'lit-floor', selector: '.banner' },
    note: 'bare Lit element: a reference, not a peer: the least a Lit banner does (register, shadow root, styles, read a cookie, stamp the banner).',
  },
  { id: 'piekritu', label: 'piekritu', ours: true, banner: { host: 'piekritu-consent', selector: '[part~="banner"]' } },
  { id: 'vanilla-cookieconsent', label: 'vanilla-cookieconsent', peer: true, banner: { selector: '#cc-main .cm' } },
  { id: 'orejime', label: 'orejime', peer: true, banner: { selector: '.orejime-Banner' } },
  {
    id: 'osano',
    label: 'Osano cookieconsent',
    peer: true,
    banner: { selector: '.cc-window' },
    note: 'Osano has no categories: one allow / deny for everything ("Personalizēt" is an inert button there).',
  },
].map((page) => ({ ...page, path: `/test/bench/pages/${page.id}.html` }));

/** The same page with the banner in its first bytes, through piekritu/ssr (demo/render.mjs): the static snippet, and a server that read the cookie. */
for (const [render, label] of [
  ['snippet', 'instant snippet'],
  ['ssr', 'server-rendered'],
]) {
  const ours = PAGES.find((page) => page.ours);
  PAGES.splice(PAGES.indexOf(ours) + 1, 0, { ...ours, id: `piekritu-${render}`, label, ours: false, instant: true, path: `${ours.path}?render=${render}` });
}

/** A returning visitor: accept once in the page, keep the context's cookies, load again. */
const RETURNING = [
  {
    id: 'piekritu:returning',
    label: 'piekritu',
    page: 'piekritu',
    accept: "document.querySelector('piekritu-consent').acceptAll()",
    decided: "document.querySelector('piekritu-consent')?.consent?.decided === true",
    cookie: 'piekritu',
  },
  ...['snippet', 'ssr'].map((render) => ({
    id: `piekritu-${render}:returning`,
    label: render === 'ssr' ? 'server-rendered' : 'instant snippet',
    page: `piekritu-${render}`,
    accept: "document.querySelector('piekritu-consent').acceptAll()",
    decided: "document.querySelector('piekritu-consent')?.consent?.decided === true",
    cookie: 'piekritu',
  })),
  {
    id: 'vanilla-cookieconsent:returning',
    label: 'vanilla-cookieconsent',
    page: 'vanilla-cookieconsent',
    accept: "CookieConsent.acceptCategory('all')",
    decided: 'window.CookieConsent?.validConsent() === true',
    cookie: 'cc_cookie',
  },
];

function parseArgs(argv) {
  const value = (name, fallback) => {
    const at = argv.indexOf(name);
    if (at < 0) return fallback;
    const number = Number(argv[at + 1]);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${name} needs a whole number, got ${argv[at + 1]}`);
    return number;
  };
  const rounds = value('--rounds', 15);
  if (rounds < 1) throw new Error('--rounds must be at least 1');
  return {
    rounds,
    warmup: value('--warmup', 1),
    timeoutMs: value('--timeout', 600) * 1000,
    strict: argv.includes('--strict'),
    reducedMotion: argv.includes('--reduced-motion'),
    rtt: value('--rtt', 0),
  };
}

/**
 * Injected before any page script. Keep it small: its own run time counts in every page's
 * script time. Once per frame it looks for the banner: `renderedAt` is the first frame
 * where its box is non-empty, inside the viewport and not hidden; `visibleAt` the first
 * where, in addition, neither it nor an ancestor is fully transparent (a fade-in from
 * opacity 0 shows nothing on its first frames). Polling, not a MutationObserver: that
 * cannot see into a shadow root created later, nor a class that only flips a stylesheet.
 */
function probe(banner) {
  const bench = (window.__bench = { renderedAt: null, visibleAt: null, longTasks: [], scripts: [], cls: 0, unsupported: [] });
  const observe = (type, take) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(take)).observe({ type, buffered: true });
    } catch {
      bench.unsupported.push(type);
    }
  };
  observe('longtask', (entry) => bench.longTasks.push(entry.duration));
  // Long animation frames name the scripts that ran in them: which library made a task long.
  observe('long-animation-frame', (entry) => {
    // This probe's own scripts have no URL; the pages' inline scripts carry the page's.
    for (const script of entry.scripts) if (script.sourceURL) bench.scripts.push({ url: script.sourceURL, duration: script.duration });
  });
  observe('layout-shift', (entry) => {
    if (!entry.hadRecentInput) bench.cls += entry.value;
  });
  if (!banner) return;
  const find = () => (banner.host ? document.querySelector(banner.host)?.shadowRoot : document)?.querySelector(banner.selector);
  const rendered = (element) => {
    const box = element.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.height > 0 &&
      box.top < innerHeight &&
      box.bottom > 0 &&
      box.left < innerWidth &&
      box.right > 0 &&
      element.checkVisibility({ visibilityProperty: true })
    );
  };
  const opaque = (element) => element.checkVisibility({ opacityProperty: true });
  bench.bannerVisible = () => {
    const element = find();
    return Boolean(element && rendered(element) && opaque(element));
  };
  if (!banner.poll) return;
  const poll = () => {
    const element = find();
    if (element && rendered(element)) {
      bench.renderedAt ??= performance.now();
      if (opaque(element)) {
        bench.visibleAt = performance.now();
        // A CDP binding: tells the harness at once, where polling from outside would run script in the page.
        return void window.__benchVisible?.('');
      }
    }
    if (performance.now() < banner.timeout) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const sleep = (duration) => new Promise((resolve) => setTimeout(resolve, duration));

/** Whether `promise` settles within `duration`; the timer does not outlive the answer. */
async function within(promise, duration) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, duration, false)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function filesUnder(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Names, sizes and times of dist/ (equal before and after a copy: no build ran meanwhile), and its newest time. */
async function fingerprint(folder) {
  const stats = await Promise.all((await filesUnder(folder)).map(async (file) => ({ file, ...(await stat(file)) })));
  return {
    text: stats.map(({ file, size, mtimeMs }) => `${file} ${size} ${mtimeMs}`).sort().join('\n'),
    newest: Math.max(...stats.map(({ mtimeMs }) => mtimeMs)),
  };
}

/**
 * A copy of dist/ taken at the start, served in its place: a rebuild during the run (watch
 * mode, another terminal) would otherwise delete or swap files mid-measurement. Taken only
 * when a build has finished, dist/ has been still for a while and did not change during
 * the copy. Returns its root (for the size check) and the server's handlers.
 */
async function snapshotDist() {
  const dist = join(ROOT, 'dist');
  const root = await mkdtemp(join(tmpdir(), 'piekritu-bench-'));
  const copy = join(root, 'dist');
  for (let attempt = 1; ; attempt += 1) {
    try {
      // `npm run build` empties dist/ and writes dist/types/ last: without it, rollup may
      // still be compiling the next bundle.
      await stat(join(dist, 'types')).catch(() => {
        throw new Error('dist/ is incomplete (no dist/types/): run `npm run build`, or wait for the running one.');
      });
      const before = await fingerprint(dist);
      if (Date.now() - before.newest < 3000) throw new Error('dist/ is being written (a build is running?)');
      await cp(dist, copy, { recursive: true, filter: (path) => !path.startsWith(join(dist, 'types')) });
      if ((await fingerprint(dist)).text !== before.text) throw new Error('dist/ changed while it was copied (a build is running?)');
      criticalPath(root);
      break;
    } catch (error) {
      await rm(copy, { recursive: true, force: true });
      if (attempt >= 10) {
        await rm(root, { recursive: true, force: true });
        throw error.code === 'ENOENT' ? new Error('dist/ is missing: run `npm run build` first.') : error;
      }
      await sleep(3000);
    }
  }
  const types = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8' };
  const files = new Map();
  for (const file of await filesUnder(copy)) {
    files.set(`/${relative(root, file).split(sep).join('/')}`, { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream' });
  }
  const answer = (request, response, url) => {
    const file = files.get(url.pathname);
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : (file?.body ?? 'Not in the snapshot'));
  };
  // serve() looks a handler up by exact path; this answers for every path under /dist/, so a
  // file missing from the snapshot is a 404, never the live (possibly newer) file.
  const handlers = new Proxy({}, { get: (_, path) => (typeof path === 'string' && path.startsWith('/dist/') ? answer : undefined) });
  return { root, handlers, remove: () => rm(root, { recursive: true, force: true }) };
}

const median = (values) => {
  const sorted = values.filter((value) => value != null && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Evaluate in the page's main world through the raw CDP session: no Playwright helper script is injected (it would count as the page's script time). */
async function evaluate(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/** A page whose errors and failed responses make the measurement invalid. */
async function watchedPage(context, label, problems) {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${label}: ${response.status()} for ${response.url()}`);
  });
  return page;
}

/** One measured page load in `context`. `poll` says whether a banner is expected to show. */
async function visit(context, url, banner, { poll, problems, label }) {
  const page = await watchedPage(context, label, problems);
  await page.addInitScript(probe, banner ? { ...banner, poll, timeout: BANNER_TIMEOUT_MS } : null);

  const cdp = await context.newCDPSession(page);
  // Default time domain (wall clock): throttled time counts, as a slow phone would feel it.
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  await cdp.send('Network.enable');
  if (RTT_MS > 0) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT_MS, downloadThroughput: -1, uploadThroughput: -1 });
  // Body bytes: what arrived for a request minus its headers (the server does not compress).
  const headers = new Map();
  let transferred = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', ({ requestId, response }) => headers.set(requestId, response.encodedDataLength ?? 0));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    requests += 1;
    transferred += encodedDataLength - (headers.get(requestId) ?? 0);
  });

  let visible;
  if (poll) {
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: '__benchVisible' });
    visible = new Promise((resolve) => cdp.once('Runtime.bindingCalled', resolve));
  }

  const before = await metrics(cdp);
  await page.goto(url, { waitUntil: 'load' });
  if (poll && !(await within(visible, BANNER_TIMEOUT_MS))) {
    problems.push(`${label}: the banner did not become visible within ${BANNER_TIMEOUT_MS} ms`);
  }
  await sleep(QUIET_MS);
  // Read the counters before collecting the probe's data: that is script too.
  const after = await metrics(cdp);
  const probed = await evaluate(cdp, 'JSON.stringify({ ...__bench, shown: __bench.bannerVisible?.() ?? null })');
  // The heap that stays: garbage from start-up is not what the page keeps paying for.
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await metrics(cdp)).JSHeapUsedSize;
  const { renderedAt, visibleAt, longTasks, scripts, cls, shown, unsupported } = JSON.parse(probed);
  // Zero long tasks must mean none happened, not that nobody was listening.
  for (const type of unsupported) problems.push(`${label}: this Chromium does not report '${type}' entries`);
  return {
    cdp,
    run: {
      rendered: renderedAt,
      visible: visibleAt,
      script: (after.ScriptDuration - before.ScriptDuration) * 1000,
      task: (after.TaskDuration - before.TaskDuration) * 1000,
      heap,
      longTasks: longTasks.length,
      longTaskMax: Math.max(0, ...longTasks),
      // The pages run no script but the library under test (and the probe, left out above).
      longestScript: Math.max(0, ...scripts.map((script) => script.duration)),
      cls,
      transferred,
      requests,
      shown,
    },
  };
}

async function firstVisit(baseUrl, spec, options) {
  const context = await options.newContext();
  try {
    const { run } = await visit(context, baseUrl + spec.path, spec.banner, { poll: true, problems: options.problems, label: spec.label });
    return run;
  } finally {
    await context.close();
  }
}

async function returningVisit(baseUrl, spec, pages, options) {
  const target = pages.find((page) => page.id === spec.page);
  const context = await options.newContext();
  const label = `${spec.label} (returning)`;
  try {
    // The first visit, unmeasured and unthrottled: wait for the banner, then accept.
    const first = await watchedPage(context, `${label}, first visit`, options.problems);
    await first.addInitScript(probe, { ...target.banner, poll: true, timeout: BANNER_TIMEOUT_MS });
    await first.goto(baseUrl + target.path, { waitUntil: 'load' });
    await first.waitForFunction(() => window.__bench.visibleAt != null, null, { timeout: BANNER_TIMEOUT_MS }).catch(() => {
      throw new Error(`${label}: the banner of the first visit did not show within ${BANNER_TIMEOUT_MS} ms`);
    });
    await first.evaluate(spec.accept);
    const deadline = Date.now() + BANNER_TIMEOUT_MS;
    while (!(await context.cookies()).some((cookie) => cookie.name === spec.cookie)) {
      if (Date.now() > deadline) throw new Error(`${label}: no "${spec.cookie}" cookie after accepting`);
      await sleep(25);
    }
    await first.close();

    const { run, cdp } = await visit(context, baseUrl + target.path, target.banner, { poll: false, problems: options.problems, label });
    if (!(await evaluate(cdp, spec.decided))) options.problems.push(`${label}: the stored choice was not read`);
    if (run.shown) options.problems.push(`${label}: the banner showed although a choice was stored`);
    return run;
  } finally {
    await context.close();
  }
}

/** Per-round ratio of `metric` between two series, then the median (paired). */
function pairedRatio(results, numerator, denominator, metric) {
  const top = results.get(numerator);
  const bottom = results.get(denominator);
  const ratios = top.map((run, round) => {
    const a = run?.[metric];
    const b = bottom[round]?.[metric];
    // A denominator near zero (the static page runs almost no script) gives no meaningful ratio.
    return a != null && b != null && b > 0.5 ? a / b : null;
  });
  return median(ratios);
}

/** Per-round difference of `metric` between two series, then the median (paired). */
function pairedDifference(results, minuend, subtrahend, metric) {
  const bottom = results.get(subtrahend);
  return median(
    results.get(minuend).map((run, round) => {
      const a = run?.[metric];
      const b = bottom[round]?.[metric];
      return a != null && b != null ? a - b : null;
    }),
  );
}

function summarise(results, specs, { rounds }) {
  const of = (id, metric) => median(results.get(id).map((run) => run?.[metric]));
  const longTaskCell = (id) => {
    const runs = results.get(id).filter(Boolean);
    const longest = Math.max(0, ...runs.map((run) => run.longTaskMax));
    return longest === 0 ? 'none' : `${median(runs.map((run) => run.longTasks))} per run, max ${ms(longest, 0)}`;
  };
  const clsCell = (id) => {
    const values = results.get(id).filter(Boolean).map((run) => run.cls);
    return `${(median(values) ?? 0).toFixed(3)} (max ${Math.max(0, ...values).toFixed(3)})`;
  };
  const lines = [];
  lines.push(`First visit, medians of ${rounds} rounds`);
  lines.push('  banner rendered / visible: navigation start to the first frame with the banner laid out on screen / also opacity > 0');
  lines.push('  script / tasks: Performance.getMetrics ScriptDuration / TaskDuration (all main-thread tasks), throttled time');
  lines.push('  longest script: the longest single script run in a long animation frame (the library\'s own long block)');
  lines.push('  JS heap: JSHeapUsedSize after a forced GC; transferred: response bodies, uncompressed (the server sends no gzip)\n');
  lines.push(
    table(
      ['page', 'banner rendered', 'banner visible', 'script', 'tasks', 'long tasks (>50 ms)', 'longest script', 'CLS (max)', 'JS heap', 'transferred', 'requests'],
      specs.first.map((spec) => [
        spec.label,
        ms(of(spec.id, 'rendered')),
        ms(of(spec.id, 'visible')),
        ms(of(spec.id, 'script')),
        ms(of(spec.id, 'task')),
        longTaskCell(spec.id),
        ms(of(spec.id, 'longestScript'), 0),
        clsCell(spec.id),
        kB(of(spec.id, 'heap')),
        kB(of(spec.id, 'transferred')),
        String(of(spec.id, 'requests')),
      ]),
      { right: [1, 2, 3, 4, 6, 8, 9, 10] },
    ),
  );
  lines.push("Note: the static floor's script time is the measuring probe's own; every page carries that cost.");
  for (const spec of specs.first) if (spec.note) lines.push(`Note: ${spec.note}`);

  const ours = specs.first.find((spec) => spec.ours);
  const others = specs.first.filter((spec) => !spec.ours);
  // The floor runs no script of its own (only the probe's): a script ratio to it means nothing.
  const metricsForRatio = [
    ['banner visible', 'visible', true],
    ['script', 'script', false],
    ['tasks', 'task', true],
    ['JS heap', 'heap', true],
    ['transferred', 'transferred', true],
  ];
  lines.push(`\n${ours.label} ÷ other, paired per round, median (below 1 = ${ours.label} is smaller / sooner)\n`);
  lines.push(
    table(
      ['metric', ...others.map((spec) => `÷ ${spec.label}`)],
      metricsForRatio.map(([name, metric, toFloor]) => [
        name,
        ...others.map((spec) => (spec.id === 'static' && !toFloor ? '–' : ratio(pairedRatio(results, ours.id, spec.id, metric)))),
      ]),
      { right: others.map((_, index) => index + 1) },
    ),
  );

  lines.push(`\nReturning visitor (a choice is stored; no banner shows), medians of ${rounds} rounds\n`);
  lines.push(
    table(
      ['page', 'script', 'tasks', 'long tasks (>50 ms)', 'longest script', 'JS heap', 'transferred', 'requests'],
      specs.returning.map((spec) => [
        spec.label,
        ms(of(spec.id, 'script')),
        ms(of(spec.id, 'task')),
        longTaskCell(spec.id),
        ms(of(spec.id, 'longestScript'), 0),
        kB(of(spec.id, 'heap')),
        kB(of(spec.id, 'transferred')),
        String(of(spec.id, 'requests')),
      ]),
      { right: [1, 2, 4, 5, 6, 7] },
    ),
  );
  return lines.join('\n');
}

function targets(results, specs, root) {
  const ours = specs.first.find((spec) => spec.ours);
  const peers = specs.first.filter((spec) => spec.peer);
  const of = (id, metric) => median(results.get(id).map((run) => run?.[metric]));
  const fastest = peers.reduce((best, spec) => ((of(spec.id, 'visible') ?? Infinity) < (of(best.id, 'visible') ?? Infinity) ? spec : best));
  const ourRuns = results.get(ours.id).filter(Boolean);
  const staticRuns = results.get('static').filter(Boolean);
  const vsStatic = pairedRatio(results, ours.id, 'static', 'visible');
  const vsPeer = pairedRatio(results, ours.id, fastest.id, 'visible');
  const script = of(ours.id, 'script');
  // Every page runs the probe: its script time is the static floor's whole script time.
  const netScript = pairedDifference(results, ours.id, 'static', 'script');
  const litNetScript = pairedDifference(results, 'lit-floor', 'static', 'script');
  const clsMax = Math.max(0, ...ourRuns.map((run) => run.cls));
  const longestScripts = ourRuns.map((run) => run.longestScript);
  const ourLongRuns = longestScripts.filter((duration) => duration > TARGETS.longTaskMs).length;
  const staticLongest = Math.max(0, ...staticRuns.map((run) => run.longTaskMax));
  let size;
  try {
    size = criticalPath(root);
  } catch (error) {
    size = { error: error.message };
  }
  const checks = [
    [vsStatic != null && vsStatic <= TARGETS.vsStatic, `banner visible ≤ ${TARGETS.vsStatic}× the static floor: ${ratio(vsStatic)}`],
    [vsPeer != null && vsPeer <= TARGETS.vsFastestPeer, `banner visible ≤ ${TARGETS.vsFastestPeer}× the fastest peer (${fastest.label}, median ${ms(of(fastest.id, 'visible'))}): ${ratio(vsPeer)}`],
    [
      netScript != null && netScript <= TARGETS.scriptMs,
      `main-thread script ≤ ${TARGETS.scriptMs} ms at ${CPU_THROTTLING}× throttling: median ${ms(netScript)} net of the probe ` +
        `(${ms(script)} measured, less the static floor's ${ms(of('static', 'script'))}, paired per round; ` +
        `the bare Lit element: ${ms(litNetScript)} net)`,
    ],
    [clsMax === 0, `CLS = 0: ${clsMax === 0 ? '0 in every run' : `up to ${clsMax.toFixed(4)}`}`],
    // The banner in the page's first bytes: the snippet and the server-rendered page.
    ...specs.first
      .filter((spec) => spec.instant)
      .flatMap((spec) => {
        const vsFloor = pairedRatio(results, spec.id, 'static', 'visible');
        const vsFastest = pairedRatio(results, spec.id, fastest.id, 'visible');
        return [
          [vsFloor != null && vsFloor <= TARGETS.instantVsStatic, `${spec.label}: banner visible ≤ ${TARGETS.instantVsStatic}× the static floor: ${ratio(vsFloor)}`],
          [vsFastest != null && vsFastest <= TARGETS.instantVsFastestPeer, `${spec.label}: banner visible ≤ ${TARGETS.instantVsFastestPeer}× the fastest peer (${fastest.label}): ${ratio(vsFastest)}`],
        ];
      }),
    [
      ourLongRuns === 0,
      `no task of ours over ${TARGETS.longTaskMs} ms: our longest script run median ${ms(median(longestScripts), 0)}, ` +
        `max ${ms(Math.max(0, ...longestScripts), 0)}, over ${TARGETS.longTaskMs} ms in ${ourLongRuns}/${ourRuns.length} runs ` +
        `(the page's long tasks: ${median(ourRuns.map((run) => run.longTasks))} per run; the static floor's: ` +
        `${median(staticRuns.map((run) => run.longTasks))} per run, up to ${ms(staticLongest, 0)}, its own layout)`,
    ],
    [
      !size.error && size.within,
      size.error
        ? `critical path ≤ ${kB(BUDGET_GZIP)} gzip: ${size.error}`
        : `critical path ≤ ${bytes(BUDGET_GZIP)} B gzip (${BUDGET_GZIP / 1024} KiB): ${bytes(size.gzip)} B (${size.files.map((file) => file.path).join(' + ')})`,
    ],
  ];
  return { lines: checks.map(([pass, text]) => `${pass ? 'PASS' : 'FAIL'}  ${text}`), failed: checks.some(([pass]) => !pass) };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  RTT_MS = options.rtt;
  const problems = [];
  const offsite = new Set();
  if (!chromiumPath()) throw new Error('no Chromium found: install Debian\'s `chromium` or set CHROME_PATH.');
  // Fails when there is nothing built to measure.
  const snapshot = await snapshotDist();

  const server = await serve({ port: 0, handlers: snapshot.handlers });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  let closing;
  const close = () =>
    (closing ??= Promise.allSettled([browser.close(), server.close(), snapshot.remove()]).then(() => undefined));
  let timedOut = false;
  const timer = setTimeout(async () => {
    timedOut = true;
    console.error(`bench: gave up after ${options.timeoutMs / 1000} s (--timeout); closing.`);
    await Promise.race([close(), sleep(10_000)]);
    process.exit(2);
  }, options.timeoutMs);
  process.once('SIGINT', async () => {
    await Promise.race([close(), sleep(10_000)]);
    process.exit(130);
  });

  try {
    const contextOptions = { viewport: VIEWPORT, reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference' };
    browser.on('disconnected', () => problems.push('the browser disconnected'));
    // Every request of every context: the pages must make none off localhost.
    const origin = new URL(server.url);
    const watch = (context) => {
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (/^(https?|wss?):$/.test(url.protocol) && ![origin.hostname, '127.0.0.1'].includes(url.hostname)) offsite.add(url.href);
      });
      return context;
    };
    const runOptions = {
      problems,
      newContext: async () => watch(await browser.newContext(contextOptions)),
    };

    const specs = { first: PAGES, returning: RETURNING };
    const jobs = [
      ...PAGES.map((spec) => ({ id: spec.id, run: () => firstVisit(server.url, spec, runOptions) })),
      ...RETURNING.map((spec) => ({ id: spec.id, run: () => returningVisit(server.url, spec, PAGES, runOptions) })),
    ];
    const results = new Map(jobs.map((job) => [job.id, []]));

    console.log(
      `piekritu bench: Chromium ${browser.version()}, headless, ${CPU_THROTTLING}× CPU throttling, ${VIEWPORT.width}×${VIEWPORT.height}, ` +
        `prefers-reduced-motion: ${contextOptions.reducedMotion}, ${options.rounds} rounds (+${options.warmup} warm-up), fresh context per run` +
        (RTT_MS > 0 ? `, ${RTT_MS} ms round trip per request` : ', localhost (no added round trip)'),
    );
    // Absolute times depend on the machine and whatever else runs on it; the paired ratios less so.
    const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
    console.log(`Host: ${availableParallelism()} CPUs, load average ${load()} at start; dist/ served from a snapshot taken at start`);
    const started = Date.now();
    for (let round = -options.warmup; round < options.rounds; round += 1) {
      // Rotate the starting page each round: no page always runs first (or right after another).
      const offset = ((round % jobs.length) + jobs.length) % jobs.length;
      for (const job of [...jobs.slice(offset), ...jobs.slice(0, offset)]) {
        try {
          const run = await job.run();
          if (round >= 0) results.get(job.id)[round] = run;
        } catch (error) {
          problems.push(`${job.id}: ${error.message.split('\n')[0]}`);
          break;
        }
      }
      if (problems.length > 0 || offsite.size > 0) break;
      process.stderr.write(round < 0 ? `  warm-up done\n` : `  round ${round + 1}/${options.rounds} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }

    // Closing on a timeout breaks the run under way: that is no finding of its own.
    if (timedOut) return 2;
    if (offsite.size > 0 || problems.length > 0) {
      for (const url of offsite) console.error(`bench: request outside localhost: ${url}`);
      for (const problem of [...new Set(problems)]) console.error(`bench: ${problem}`);
      console.error('bench: the measurement is not valid; no results.');
      return 1;
    }

    console.log(`Load average ${load()} at the end\n`);
    console.log(summarise(results, specs, options));
    const verdict = targets(results, specs, snapshot.root);
    console.log('\nTargets (piekritu)\n' + verdict.lines.join('\n'));
    console.log('\nEvery page made requests to localhost only.');
    if (verdict.failed && options.strict) return 1;
    return 0;
  } finally {
    clearTimeout(timer);
    await close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  },
);
