/**
 * The bridges to Microsoft Clarity, Microsoft UET, Meta Pixel and Matomo, and the moments
 * the generic `consent-signal` event reports. They load with the runtime, which connects before the gate
 * looks at any `data-consent` script: a vendor's tag gated that way (even on `necessary`)
 * always finds its default already queued.
 *
 * Each call goes into the vendor's own queue, made the way the vendor's snippet makes it,
 * so it waits there until the vendor's script loads and replays it in order.
 */
import type { Categories, Consent } from '../core/consent.js';
import type { Warn } from '../core/config.js';
import { parseSignals, signalDetail, vendorCalls, type Phase, type SignalDetail, type Vendor, type VendorCall } from '../core/signals.js';

type Queue = { push(...items: unknown[]): unknown; q?: unknown[] };
type Page = Window & Record<string, unknown>;
type MetaStub = ((...args: unknown[]) => unknown) & {
  callMethod?: (this: unknown, ...args: unknown[]) => unknown;
  queue: unknown[];
  push: unknown;
  loaded: boolean;
  version: string;
};

/** The vendor's global function, or its queue stub as the vendor's snippet would make it. */
function callable(win: Page, name: string, stub: () => unknown): (...args: unknown[]) => void {
  if (typeof win[name] !== 'function') win[name] = stub();
  return win[name] as (...args: unknown[]) => void;
}

/** The vendor's queue (an array until its script replaces it with an object that has `push`). */
function queue(win: Page, name: string): Queue {
  const value = win[name] as { push?: unknown } | undefined;
  if (value && typeof value.push === 'function') return value as Queue;
  const fresh: unknown[] = [];
  win[name] = fresh;
  return fresh;
}

const DELIVER: Readonly<Record<Vendor, (win: Page, call: VendorCall) => void>> = {
  // Clarity's snippet: `window.clarity = window.clarity || function(){(window.clarity.q = window.clarity.q || []).push(arguments)}`.
  clarity: (win, call) =>
    callable(win, 'clarity', () =>
      function clarity() {
        const self = win.clarity as Queue;
        // eslint-disable-next-line prefer-rest-params
        (self.q = self.q || []).push(arguments);
      },
    )(...call),
  // UET's snippet: `window.uetq = window.uetq || []`; bat.js reads the flat list and replaces it.
  uet: (win, call) => void queue(win, 'uetq').push(...call),
  // Meta's base code: `n.callMethod ? n.callMethod.apply(n, arguments) : n.queue.push(arguments)`,
  // with `push`, `loaded`, `version` and `queue` on the function, and `_fbq` pointing at it.
  meta: (win, call) =>
    callable(win, 'fbq', () => {
      // eslint-disable-next-line prefer-const
      let fbq: MetaStub;
      fbq = function () {
        // eslint-disable-next-line prefer-rest-params
        return typeof fbq.callMethod === 'function' ? fbq.callMethod.apply(fbq, arguments as unknown as unknown[]) : fbq.queue.push(arguments);
      } as MetaStub;
      if (!win._fbq) win._fbq = fbq;
      fbq.push = fbq;
      fbq.loaded = true;
      fbq.version = '2.0';
      fbq.queue = [];
      return fbq;
    })(...call),
  // Matomo's snippet: `var _paq = window._paq = window._paq || []`; each command is one array.
  matomo: (win, call) => void queue(win, '_paq').push(call),
};

const GLOBALS: Readonly<Record<Vendor, string>> = { clarity: 'clarity', uet: 'uetq', meta: 'fbq', matomo: '_paq' };
const NAMES: Readonly<Record<Vendor, string>> = { clarity: 'Microsoft Clarity', uet: 'Microsoft UET', meta: 'Meta Pixel', matomo: 'Matomo' };

/**
 * The vendor's snippet ran before the default: its function exists, or its queue holds
 * calls (an empty array may be the page's own early `uetq = uetq || []`).
 */
function startedBefore(win: Page, vendor: Vendor): boolean {
  const value = win[GLOBALS[vendor]];
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

/** A vendor call must never break the page or the banner. */
function tell(win: Page, vendor: Vendor, calls: VendorCall[], warn: Warn): void {
  for (const call of calls) {
    try {
      DELIVER[vendor](win, call);
    } catch (error) {
      warn(`piekritu: ${NAMES[vendor]} did not take its consent signal (${String(error)}).`);
    }
  }
}

/** Pages whose defaults went out: once per page, however many elements connect. */
const defaulted = new WeakSet<object>();

export interface SignalSource extends EventTarget {
  readonly consent: Consent;
  getAttribute(name: string): string | null;
}

export interface SignalHooks {
  warn: Warn;
  /** Each moment's state, for any other vendor (the element fires `consent-signal`). */
  announce(detail: SignalDetail): void;
}

/**
 * Read `consent-signals` from the element, send each vendor's default and, for a returning
 * visitor, the update; then an update after every `consent-change`. `announce` hears the
 * same moments.
 */
export function bridgeSignals(element: SignalSource, { warn, announce }: SignalHooks, win: Window = window): void {
  const page = win as Page;
  const vendors = parseSignals(element.getAttribute('consent-signals'), warn);
  let told: Categories = {};
  const send = (phase: Phase, categories: Categories): void => {
    for (const vendor of vendors) tell(page, vendor, vendorCalls(vendor, phase, categories, told), warn);
    told = phase === 'default' ? {} : { ...categories };
    announce(signalDetail(phase, categories));
  };
  if (!defaulted.has(win)) {
    defaulted.add(win);
    for (const vendor of vendors) {
      if (startedBefore(page, vendor)) {
        warn(`piekritu: ${NAMES[vendor]} started before its consent default; gate its tag with data-consent so it runs after piekritu.`);
      }
    }
    send('default', element.consent.categories);
  }
  if (element.consent.decided) send('update', element.consent.categories);
  element.addEventListener('consent-change', () => send('update', element.consent.categories));
}
