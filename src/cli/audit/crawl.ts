/** Same-site pages to visit: the start page's links, then the site's sitemap. */
import type { Browser, Page } from 'playwright-core';
import { isFirstParty } from './site.js';

const NOT_PAGES = /\.(pdf|png|jpe?g|gif|webp|avif|svg|ico|css|m?js|json|xml|txt|zip|gz|mp[34]|webm|woff2?)$/i;

/** `candidates` in order, same-site, each once (fragments ignored), at most `limit` besides `start`. */
export function pagesToVisit(start: string, candidates: string[], site: string, limit: number): string[] {
  const seen = new Set([start.split('#')[0]]);
  const pages: string[] = [];
  for (const candidate of candidates) {
    if (pages.length >= limit) break;
    let url: URL;
    try {
      url = new URL(candidate, start);
    } catch {
      continue;
    }
    url.hash = '';
    const href = url.href;
    if (!/^https?:$/.test(url.protocol) || !isFirstParty(url.hostname, site) || NOT_PAGES.test(url.pathname) || seen.has(href)) continue;
    seen.add(href);
    pages.push(href);
  }
  return pages;
}

/** The links of the page, then `<loc>`s of /sitemap.xml when there is one. */
export async function candidatesOf(page: Page, browser: Browser, timeout: number): Promise<string[]> {
  const links = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href));
  // Through the browser (its host rules apply), in a context of its own: whatever cookie
  // the sitemap's response sets must not count against the pages.
  const context = await browser.newContext();
  try {
    const response = await (await context.newPage()).goto(new URL('/sitemap.xml', page.url()).href, { timeout });
    if (response?.ok()) {
      const text = await response.text();
      for (const match of text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) links.push(match[1].replace(/&amp;/g, '&'));
    }
  } catch {
    // No sitemap within the time: the links are enough.
  } finally {
    await context.close();
  }
  return links;
}
