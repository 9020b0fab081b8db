/** First or third party: the page's registrable domain, as the browser itself draws it. */
import type { Page } from 'playwright-core';

/** `host` is the site or one of its subdomains. */
export function isFirstParty(host: string, site: string): boolean {
  const name = host.toLowerCase();
  return name === site || name.endsWith(`.${site}`);
}

/**
 * The page's registrable domain ("example.lv" for "www.example.lv", "example.com.lv" for
 * "shop.example.com.lv"): the browser refuses a cookie on a public suffix, so the shortest
 * parent domain that keeps a probe cookie is the one. The audit ships no suffix list.
 */
export function siteOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = location.hostname.toLowerCase();
    if (/^[0-9.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
    const labels = host.split('.');
    const probe = 'piekritu_audit_site';
    for (let i = labels.length - 2; i >= 0; i -= 1) {
      const domain = labels.slice(i).join('.');
      document.cookie = `${probe}=1; domain=${domain}; path=/`;
      if (document.cookie.split('; ').includes(`${probe}=1`)) {
        document.cookie = `${probe}=; domain=${domain}; path=/; max-age=0`;
        return domain;
      }
    }
    return host;
  });
}
