/**
 * The experiments, each in a fresh browser context: before any choice, each category
 * alone, everything refused, everything accepted then withdrawn.
 */
import type { Browser } from 'playwright-core';
import { launch } from './browser.js';
import { candidatesOf, pagesToVisit } from './crawl.js';
import { draftDeclaration } from './declaration.js';
import { AuditInputError, Visitor } from './observe.js';
import {
  added,
  cookieKey,
  consentModeOrder,
  necessaryCookie,
  necessaryStorage,
  unnecessary,
  violationsOf,
  type Allowed,
  type ConsentModeResult,
  type GatedElement,
  type Observation,
  type PageResult,
  type Report,
} from './report.js';
import { siteOf } from './site.js';

export interface AuditOptions {
  url: string;
  /** Pages to visit, the start page included. */
  pages: number;
  /** Milliseconds one page may take to load. */
  timeout: number;
  /** Third-party hosts a page may contact before consent. */
  allow: string[];
  /** Extra Chromium flags (`--host-resolver-rules=…`). */
  browserArgs: string[];
  progress: (step: string) => void;
}

interface StartPage {
  consentCookie: string;
  consentMode: boolean;
  declaration: string | null;
  gated: GatedElement[];
}

function readStartPage(visitor: Visitor): Promise<StartPage> {
  return visitor.page.evaluate(() => {
    const element = document.querySelector('piekritu-consent')!;
    const gated = Array.from(document.querySelectorAll('[data-consent]'))
      .filter((node) => ['script', 'iframe', 'img', 'video', 'audio'].includes(node.localName))
      .map((node) => {
        const src = node.getAttribute('data-src') || node.getAttribute('src');
        return {
          tag: node.localName,
          category: node.getAttribute('data-consent') ?? '',
          src: src ? new URL(src, document.baseURI).href : '',
          dataCookies: node.getAttribute('data-cookies'),
        };
      });
    return {
      consentCookie: element.getAttribute('cookie-name') || 'piekritu',
      consentMode: element.hasAttribute('consent-mode'),
      declaration: document.querySelector('script[type="application/json"][data-piekritu-cookies]')?.textContent ?? null,
      gated,
    };
  });
}

/** Visit every page in one context, `before` running on the start page first. */
async function walk(
  browser: Browser,
  options: AuditOptions,
  pages: string[],
  label: string,
  onStart: (visitor: Visitor) => Promise<void>,
): Promise<Visitor> {
  const visitor = await Visitor.open(browser, options.timeout);
  const [start, ...rest] = pages;
  options.progress(`${label}: ${start}`);
  await visitor.visit(start);
  await onStart(visitor);
  for (const url of rest) {
    options.progress(`${label}: ${url}`);
    await visitor.visit(url).catch(() => undefined);
  }
  return visitor;
}

export async function audit(options: AuditOptions): Promise<Report> {
  const browser = await launch(options.browserArgs);
  try {
    return await run(browser, options);
  } finally {
    await browser.close();
  }
}

async function run(browser: Browser, options: AuditOptions): Promise<Report> {
  const started = Date.now();
  const warnings: string[] = [];
  let loads = 0;
  // 1. Before any choice: the start page, then the pages it leads to.
  const first = await Visitor.open(browser, options.timeout);
  options.progress(`before consent: ${options.url}`);
  const startLoad = await first.visit(options.url);
  const start = first.page.url();
  if (!startLoad.hasElement) {
    await first.close();
    throw new AuditInputError(`${start} has no <piekritu-consent> element: there is no banner to audit. Add the element (see the README), or audit a page that has it.`);
  }
  const site = await siteOf(first.page);
  const info = await readStartPage(first);
  const screenshot = `data:image/jpeg;base64,${(await first.page.screenshot({ type: 'jpeg', quality: 70 })).toString('base64')}`;
  let current: unknown;
  try {
    current = info.declaration === null ? undefined : JSON.parse(info.declaration);
  } catch {
    warnings.push('the page\'s data-piekritu-cookies script is not JSON: the draft below starts from nothing.');
  }
  const necessary = ((current as Record<string, { name?: unknown }[]> | undefined)?.necessary ?? [])
    .map((entry) => entry?.name)
    .filter((name): name is string => typeof name === 'string');
  const allowed: Allowed = { consentCookie: info.consentCookie, necessary, hosts: options.allow };
  const categories = await first.offered();

  const others = pagesToVisit(start, await candidatesOf(first.page, browser, options.timeout), site, options.pages - 1);
  const pages: PageResult[] = [{ url: start, ...pick(startLoad) }];
  for (const url of others) {
    options.progress(`before consent: ${url}`);
    try {
      pages.push({ url, ...pick(await first.visit(url)) });
    } catch (error) {
      warnings.push(`skipped ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const page of pages) if (page.stillLoading) warnings.push(`${page.url} was still loading after ${options.timeout / 1000} s; audited as it was then.`);
  const visited = pages.map((page) => page.url);
  const before = await first.snapshot(site);
  const consentMode = info.consentMode ? consentModeOf(first, visited) : null;
  loads += first.loads;
  await first.close();

  // 2. One category at a time.
  const byCategory: Record<string, Observation> = {};
  for (const category of categories) {
    const visitor = await walk(browser, options, visited, `only ${category}`, (v) => v.decide([category]));
    byCategory[category] = added(unnecessary(await visitor.snapshot(site), allowed), before);
    loads += visitor.loads;
  await visitor.close();
  }

  // 3. Everything refused.
  const refusing = await walk(browser, options, visited, 'reject all', (v) => v.decide('none'));
  const afterReject = await refusing.snapshot(site);
  loads += refusing.loads;
  await refusing.close();

  // 4. Everything accepted, then withdrawn on the start page.
  const withdrawing = await walk(browser, options, visited, 'accept, then withdraw', (v) => v.decide('all'));
  options.progress(`accept, then withdraw: withdrawing on ${start}`);
  if (visited.length > 1) await withdrawing.visit(start);
  const linkWorks = pages[0].settingsLink ? await withdrawing.withdrawThroughLink() : null;
  if (linkWorks !== true) await withdrawing.decide('none');
  const left = await withdrawing.snapshot(site);
  loads += withdrawing.loads;
  await withdrawing.close();

  const afterWithdrawal = { cookies: left.cookies, storage: left.storage.filter((item) => !before.storage.some((other) => other.key === item.key && other.area === item.area)) };
  for (const item of afterWithdrawal.storage) {
    if (!necessaryStorage(item, allowed)) warnings.push(`${item.area}.${item.key} is still there after consent was withdrawn (the element deletes cookies only: clear it on consent-change).`);
  }
  const violations = violationsOf({ allowed, pages, before, afterReject, afterWithdrawal, byCategory, consentMode, linkWorks });
  const necessaryFound = [...afterReject.cookies, ...before.cookies].filter(
    (cookie, i, all) => necessaryCookie(cookie, allowed) && all.findIndex((other) => cookieKey(other) === cookieKey(cookie)) === i,
  );
  const declaration = draftDeclaration({
    categories,
    necessary: necessaryFound,
    byCategory: Object.fromEntries(Object.entries(byCategory).map(([category, seen]) => [category, seen.cookies])),
    current,
    gated: info.gated,
    now: Date.now(),
  });
  return {
    url: options.url,
    site,
    date: new Date().toISOString(),
    consentCookie: info.consentCookie,
    categories,
    pages,
    necessary: necessaryFound,
    before,
    byCategory,
    afterReject,
    afterWithdrawal,
    consentMode,
    violations,
    warnings,
    declaration,
    screenshot,
    durationMs: Date.now() - started,
    pageLoads: loads,
  };
}

const pick = ({ hasElement, settingsLink, stillLoading }: PageResult) => ({ hasElement, settingsLink, stillLoading });

function consentModeOf(visitor: Visitor, pages: string[]): ConsentModeResult[] {
  return pages.map((page) => {
    const record = visitor.probes.find((probe) => probe.page === page);
    const defaultAt = record?.consentMode.find((command) => command.command === 'default')?.at ?? null;
    const requests = visitor.requests.filter((request) => request.page === page).map((request) => ({ url: request.url, at: request.wallTime }));
    return consentModeOrder(page, defaultAt, requests);
  });
}
