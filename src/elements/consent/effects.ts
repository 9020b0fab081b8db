/**
 * The consent's effects on the page, loaded with the runtime (after the banner): the
 * cookie jar, the gate for scripts and embeds, the other tabs, withdrawal clean-up, Google
 * Consent Mode and the consent records. The `ConsentController` owns one of these and
 * calls it in its ordered commit; nothing else does.
 */
import { decode } from '../../core/codec.js';
import { allows, deniedOf, type Consent } from '../../core/consent.js';
import { parseJarConfig, type BootConfig, type Warn } from '../../core/config.js';
import { recordOf } from '../../core/record.js';
import { withdraw } from '../../platform/cleanup.js';
import { openJar, type CookieJar } from '../../platform/cookies.js';
import { Gate } from '../../platform/gate.js';
import { consentUpdate } from '../../platform/gtag.js';
import { flushRecords, hasQueuedRecords, queueRecord } from '../../platform/records.js';
import { bridgeSignals as bridge, type SignalSource } from '../../platform/signals.js';
import type { Change } from '../../platform/store.js';
import { watchOtherTabs } from '../../platform/sync.js';
import { OpenerController } from '../controllers/opener.js';
import { emit, type ConsentView } from '../events.js';

/** The other tags' consent signals, with `consent-signal` fired on the element at each moment. */
export const bridgeSignals = (element: SignalSource, warn: Warn, win?: Window): void =>
  bridge(element, { warn, announce: (detail) => emit(element, 'consent-signal', detail) }, win);

/**
 * Does the cookie as the jar read it (`opened`) hold the choice the page has: that decision,
 * or nothing stored while undecided? Then re-reading it to catch up adds nothing.
 */
function sameChoice(opened: { value: string | undefined } | undefined, consent: Consent | undefined): boolean {
  if (!opened || !consent) return false;
  return consent.decided ? decode(opened.value)?.id === consent.id : opened.value === undefined;
}

/** Elements whose signals are bridged: once each, however often they connect. */
const bridged = new WeakSet<object>();

export interface EffectsHost {
  /** Where events go, and whose `cookie-domain`, `cookie-path` and `consent-signals` say where the cookie is written and which tags hear of it. */
  readonly element: HTMLElement & SignalSource & { show(view: ConsentView): unknown };
  readonly config: BootConfig;
  /** The consent now; `undefined` once the element is disconnected. */
  consent(): Consent | undefined;
  warn(message: string): void;
  /** Another tab decided; `catchingUp`: it may have, while the runtime was on its way. */
  otherTab(catchingUp?: boolean): void;
  blocked(embeds: HTMLElement[]): void;
  /** A script of a withdrawn category had already run: a reload finishes the job. */
  reloadAdvised(): void;
}

export class ConsentEffects {
  readonly #jar: CookieJar;
  #gate: Gate | undefined;
  #tabs: { notify(): void; close(): void } | undefined;
  /** The page's own openers of the views (`data-piekritu-open`, `#piekritu-policy` links): nothing a first visitor needs before the banner. */
  readonly #opener = new OpenerController((view) => this.host.element.show(view));
  /** The id of the consent Google Consent Mode was last told of. */
  #told: string | undefined;
  /**
   * What the jar read on opening, kept until this task ends, when it was kept (a failed
   * tidy-up write: `undefined`). Read after this tab began to listen to the others.
   */
  #opened: { value: string | undefined } | undefined;

  constructor(private readonly host: EffectsHost) {
    // Where the cookie goes matters only from the first write: read with the runtime.
    const { cookieDomain, cookiePath } = parseJarConfig((name) => host.element.getAttribute(name), location.hostname, host.warn);
    const { cookieName, cookieDays } = host.config;
    // Listening to the other tabs before the jar reads: a decision written after that read is still heard of.
    this.#tabs = watchOtherTabs(`piekritu:${cookieName}`, () => host.otherTab());
    const { jar, opened } = openJar({ name: cookieName, domain: cookieDomain, path: cookiePath, days: cookieDays }, Boolean(host.config.logEndpoint));
    this.#jar = jar;
    this.#opened = opened;
    setTimeout(() => (this.#opened = undefined));
    // Before the gate starts: vendors' defaults precede any tag gated with data-consent.
    if (!bridged.has(host.element)) {
      bridged.add(host.element);
      bridgeSignals(host.element, host.warn);
    }
  }

  /** While the element is connected: gating, other tabs, and the records still queued. */
  start(): void {
    const { host } = this;
    if (this.#gate || !host.consent()) return;
    const gate = (this.#gate = new Gate(document, {
      allows: (required) => allows(host.consent()?.categories ?? {}, required),
      blocked: (embeds) => host.blocked(embeds),
    }));
    this.#tabs ??= watchOtherTabs(`piekritu:${host.config.cookieName}`, () => host.otherTab());
    // Another tab may have decided while the runtime was on its way: when the jar, opened in
    // this task, found the choice this page started with, nothing was (no second read).
    if (!sameChoice(this.#opened, host.consent())) host.otherTab(true);
    this.#opened = undefined;
    // A returning visitor's Consent Mode update: before any gated tag, within `wait_for_update`.
    const consent = host.consent();
    if (consent?.decided) this.#tellConsentMode(consent);
    gate.start();
    this.#opener.start();
    // The rest waits a task, so that no task of ours runs long: refused categories' declared
    // cookies go on every page load (not only at the withdrawal), queued records are sent.
    setTimeout(() => {
      const now = host.consent();
      if (!now || this.#gate !== gate) return;
      withdraw(document, deniedOf(now.categories), host.config.cookieName);
      const endpoint = host.config.logEndpoint;
      if (endpoint && hasQueuedRecords()) void flushRecords(endpoint, this.#jar);
    });
  }

  stop(): void {
    this.#gate?.stop();
    this.#tabs?.close();
    this.#opener.stop();
    this.#gate = this.#tabs = undefined;
  }

  /**
   * A change's effects, in order: write the cookie (`value`; `undefined` when another tab
   * did) → tell other tabs → Consent Mode (before any tag it lets run) → gate and clean-up.
   * `false` when the browser would not store the choice.
   */
  apply({ value, consent, withdrawn }: Change): boolean {
    let kept = true;
    if (value !== undefined) {
      kept = value === null ? (this.#jar.remove(), true) : this.#jar.write(value);
      this.#tabs?.notify();
    }
    // Disconnected meanwhile: a later connection starts from the stored choice.
    if (!this.host.consent()) return kept;
    this.#tellConsentMode(consent);
    this.#gate?.apply();
    if (withdrawn.length > 0) {
      const { cookies, reloadAdvised } = withdraw(document, withdrawn, this.host.config.cookieName);
      if (reloadAdvised) this.host.reloadAdvised();
      emit(this.host.element, 'consent-cleanup', { categories: withdrawn, cookies, reloadAdvised });
    }
    return kept;
  }

  /**
   * The proof of a decision, queued before it is sent: a tab closed mid-request still has
   * it on the next visit.
   */
  record(consent: Consent, lang: string): void {
    const endpoint = this.host.config.logEndpoint;
    if (!endpoint) return;
    queueRecord(recordOf(consent, lang, location.href));
    void flushRecords(endpoint, this.#jar);
  }

  /** Google Consent Mode hears of each consent once (by its id), whichever path brings it. */
  #tellConsentMode(consent: Consent): void {
    if (!this.host.config.consentMode || consent.id === this.#told) return;
    this.#told = consent.id;
    consentUpdate(window, consent.categories);
  }
}
