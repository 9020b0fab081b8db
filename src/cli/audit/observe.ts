/**
 * One visitor: a fresh browser context (no cookie, storage or cache from another run) and
 * what the browser saw while it browsed: requests and who started them, cookies and who
 * set them, storage keys, Consent Mode commands.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { PROBE_KEY, probe, type ProbeRecord } from './probe.js';
import type { CookieFinding, RequestFinding, StorageFinding } from './report.js';
import { isFirstParty } from './site.js';

export interface PageLoad {
  url: string;
  /** Set when the page never finished loading: audited as it was then. */
  stillLoading: boolean;
  hasElement: boolean;
  settingsLink: boolean;
}

export class AuditInputError extends Error {}

/** A way back to the choice: any opener but one that only opens the policy. */
const SETTINGS_LINK = '[data-piekritu-open]:not([data-piekritu-open="policy"])';

interface Seen {
  url: string;
  type: string;
  wallTime: number;
  initiator: string;
  page: string;
}

/** The part of CDP's `Network.Initiator` the audit reads. */
interface Stack {
  callFrames: { url: string; lineNumber: number }[];
  parent?: Stack;
}

/** The first stack frame with an address, or the document, that started a request. */
function initiatorOf(initiator: { url?: string; lineNumber?: number; stack?: Stack }): string {
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((call) => /^https?:/.test(call.url));
    if (frame) return `${frame.url}:${frame.lineNumber + 1}`;
  }
  if (initiator.url) return initiator.lineNumber !== undefined ? `${initiator.url}:${initiator.lineNumber + 1}` : initiator.url;
  return '';
}

const NETWORK_ERRORS: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'the connection was refused (is the server running?)',
  ERR_NAME_NOT_RESOLVED: 'the host name does not resolve',
  ERR_ADDRESS_UNREACHABLE: 'the address is unreachable',
  ERR_CONNECTION_TIMED_OUT: 'the connection timed out',
  ERR_CERT_AUTHORITY_INVALID: 'its TLS certificate is not trusted',
};

export class Visitor {
  readonly requests: Seen[] = [];
  /** Cookie names set by a response header, and the request that brought it. */
  readonly headerCookies = new Map<string, string>();
  readonly probes: (ProbeRecord & { page: string })[] = [];
  /** Pages this visitor opened. */
  loads = 0;
  #ids = new Map<string, Seen>();
  #page = '';
  #lastRequest = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly cdp: CDPSession,
    readonly timeout: number,
  ) {}

  static async open(browser: Browser, timeout: number): Promise<Visitor> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(probe, PROBE_KEY);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const visitor = new Visitor(context, page, cdp, timeout);
    cdp.on('Network.requestWillBeSent', (event) => {
      const seen: Seen = {
        url: event.request.url,
        type: event.type ?? 'Other',
        wallTime: event.wallTime * 1000,
        initiator: initiatorOf(event.initiator),
        page: visitor.#page,
      };
      visitor.#ids.set(event.requestId, seen);
      visitor.requests.push(seen);
      visitor.#lastRequest = Date.now();
    });
    cdp.on('Network.responseReceivedExtraInfo', (event) => {
      const header = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'set-cookie')?.[1];
      const url = visitor.#ids.get(event.requestId)?.url ?? '';
      for (const line of String(header ?? '').split('\n')) {
        const name = line.split(';')[0].split('=')[0].trim();
        if (name && !visitor.headerCookies.has(name)) visitor.headerCookies.set(name, url);
      }
    });
    await cdp.send('Network.enable');
    return visitor;
  }

  /** Open `url` and wait until the page is quiet (or the time is up). */
  async visit(url: string): Promise<PageLoad> {
    await this.#collect();
    this.#page = url;
    this.loads += 1;
    let response;
    try {
      response = await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.timeout });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
      if (code) throw new AuditInputError(`cannot open ${url}: ${NETWORK_ERRORS[code] ?? code}.`);
      if (/Timeout/i.test(message)) throw new AuditInputError(`${url} sent no page within ${this.timeout / 1000} s.`);
      throw new AuditInputError(`cannot open ${url}: ${message.split('\n')[0]}`);
    }
    // A redirect: what was seen so far belongs to the page it ended on.
    const final = this.page.url();
    if (final !== url) for (const request of this.requests) if (request.page === url) request.page = final;
    this.#page = final;
    const type = response?.headers()['content-type'] ?? '';
    if (response && !/^(text\/html|application\/xhtml\+xml)/i.test(type)) {
      throw new AuditInputError(`${url} is not an HTML page (status ${response.status()}, content-type "${type || 'none'}").`);
    }
    if (response && response.status() >= 400) throw new AuditInputError(`${url} answered with status ${response.status()}.`);
    let stillLoading = false;
    try {
      await this.page.waitForLoadState('load', { timeout: this.timeout });
    } catch {
      stillLoading = true;
    }
    const hasElement = await this.page.evaluate(() => document.querySelector('piekritu-consent') !== null);
    if (hasElement) await this.ready();
    await this.quiet();
    const settingsLink = await this.page.evaluate((selector) => document.querySelector(selector) !== null, SETTINGS_LINK);
    return { url: final, stillLoading, hasElement, settingsLink };
  }

  /** The element has read the stored choice (or found none). */
  async ready(): Promise<void> {
    try {
      await this.page.waitForFunction(
        () => Boolean((document.querySelector('piekritu-consent') as unknown as { consent?: { policyVersion?: string } })?.consent?.policyVersion),
        undefined,
        { timeout: Math.min(this.timeout, 10000) },
      );
    } catch {
      throw new AuditInputError(`the <piekritu-consent> element on ${this.page.url()} never started (is the piekritu script loaded?).`);
    }
  }

  /** No new request for half a second, at most five seconds. */
  async quiet(): Promise<void> {
    const end = Date.now() + Math.min(5000, this.timeout);
    this.#lastRequest = Math.max(this.#lastRequest, Date.now());
    while (Date.now() < end && Date.now() - this.#lastRequest < 500) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /** Ask the element (through its own API) for a decision, and wait for its effects. */
  async decide(granted: string[] | 'all' | 'none'): Promise<void> {
    await this.page.evaluate((choice) => {
      const element = document.querySelector('piekritu-consent') as unknown as {
        acceptAll(): void;
        rejectAll(): void;
        save(categories: string[]): void;
      };
      if (choice === 'all') element.acceptAll();
      else if (choice === 'none') element.rejectAll();
      else element.save(choice);
    }, granted);
    await this.quiet();
  }

  /**
   * Withdraw as a visitor does: the page's settings link, then "reject all" in the dialog
   * it opens. `false` when the link opened nothing to refuse with.
   */
  async withdrawThroughLink(): Promise<boolean> {
    const opened = await this.page.evaluate((selector) => {
      const link = document.querySelector(selector) as HTMLElement | null;
      link?.click();
      return link !== null;
    }, SETTINGS_LINK);
    if (!opened) return false;
    const refuse = this.page.locator('piekritu-consent').locator('dialog[open] [part~="reject-all-button"], [part~="banner"] [part~="reject-button"]').first();
    try {
      await refuse.click({ timeout: 5000 });
    } catch {
      return false;
    }
    await this.quiet();
    return true;
  }

  /** The optional categories the element offers. */
  offered(): Promise<string[]> {
    return this.page.evaluate(() => {
      const element = document.querySelector('piekritu-consent') as unknown as { consent: { categories: Record<string, boolean> } };
      return Object.keys(element.consent.categories).filter((name) => name !== 'necessary');
    });
  }

  /** The page's records of cookie and storage writes (a navigation starts them anew). */
  async #collect(): Promise<void> {
    if (!this.#page) return;
    try {
      const record = await this.page.evaluate((key) => (window as unknown as Record<string, ProbeRecord>)[key], PROBE_KEY);
      if (record) this.probes.push({ ...record, page: this.#page });
    } catch {
      // The page is gone or mid-navigation: its writes are lost, the cookies themselves are not.
    }
  }

  /** Everything the visitor holds now. */
  async snapshot(site: string): Promise<{ cookies: CookieFinding[]; storage: StorageFinding[]; requests: RequestFinding[] }> {
    await this.#collect();
    const written = new Map<string, { source: string; page: string }>();
    const stored = new Map<string, { source: string; page: string }>();
    for (const record of this.probes) {
      for (const { name, source } of record.cookies) if (!written.has(name)) written.set(name, { source, page: record.page });
      for (const { area, key, source } of record.storage) if (!stored.has(`${area} ${key}`)) stored.set(`${area} ${key}`, { source, page: record.page });
    }
    const cookies = (await this.context.cookies()).map((cookie): CookieFinding => {
      const js = written.get(cookie.name);
      const header = this.headerCookies.get(cookie.name);
      return {
        name: cookie.name,
        domain: cookie.domain,
        path: cookie.path,
        expires: cookie.expires > 0 ? Math.round(cookie.expires) : null,
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
        thirdParty: !isFirstParty(cookie.domain.replace(/^\./, ''), site),
        setBy: header ? `Set-Cookie of ${header}` : (js?.source ?? ''),
        page: js?.page ?? '',
      };
    });
    let storage: Omit<StorageFinding, 'setBy' | 'page'>[] = [];
    try {
      storage = await this.page.evaluate(() => {
        const keys = (area: 'localStorage' | 'sessionStorage') => {
          try {
            const store = window[area];
            return Array.from({ length: store.length }, (_, i) => ({ area, key: store.key(i) ?? '', origin: location.origin }));
          } catch {
            return [];
          }
        };
        return [...keys('localStorage'), ...keys('sessionStorage')];
      });
    } catch {
      // No document to read (an error page): nothing stored that the audit could see.
    }
    const requests = this.requests
      .filter((request) => /^https?:/.test(request.url) && !isFirstParty(new URL(request.url).hostname, site))
      .map(({ url, type, initiator, page }): RequestFinding => ({ url, type, initiator, page }));
    return {
      cookies,
      storage: storage.map((item) => {
        const write = stored.get(`${item.area} ${item.key}`);
        return { ...item, setBy: write?.source ?? '', page: write?.page ?? '' };
      }),
      requests,
    };
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
