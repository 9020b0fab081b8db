/**
 * The consent of one element and every effect of a change, in one place and one order.
 * It owns the store, the runtime (loaded after the banner), the gate, the other tabs, the
 * cookie jar, the consent records and Google Consent Mode; the element only asks it.
 */
import { allows, contextOf, type Consent, type ConsentContext } from '../../core/consent.js';
import type { BootConfig } from '../../core/config.js';
import { version as BUNDLED_POLICY_VERSION } from '../../../locales/policy/lv.json';
import { readCookie } from '../../platform/cookie-read.js';
import type { CookieJar } from '../../platform/cookies.js';
import type { Gate } from '../../platform/gate.js';
import { consentDefault } from '../../platform/gtag.js';
import { ConsentStore, type Change } from '../../platform/store.js';
import { emit } from '../events.js';
import { loadRuntime, type Runtime } from '../chunks.js';

/** What the controller tells its element. */
export interface ConsentHooks {
  warn(message: string): void;
  /** The consent changed (here or in another tab); then, for a decision here, whether it was stored. */
  changed(consent: Consent, kept?: boolean): void;
  /** Embeds still waiting for consent, as the gate last saw them. */
  blocked(embeds: HTMLElement[]): void;
}

export class ConsentController {
  readonly ctx: ConsentContext;
  store: ConsentStore | undefined;
  #runtime: Runtime | undefined;
  #jar: CookieJar | undefined;
  #gate: Gate | undefined;
  #tabs: { notify(): void; close(): void } | undefined;
  /** The consent as read at start: still the same object while this tab has not decided. */
  #atStart: Consent | undefined;
  /** The id of the consent Google Consent Mode was last told of. */
  #told: string | undefined;
  /** Changes take effect one after another, in the order they were made. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** Where the events go, and whose attributes say where the cookie is written. */
    private readonly element: HTMLElement,
    readonly config: BootConfig,
    private readonly hooks: ConsentHooks,
  ) {
    this.ctx = contextOf(
      config,
      config.policyVersion || BUNDLED_POLICY_VERSION,
      (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
    );
  }

  /** Read the stored choice; Consent Mode's defaults go out first. */
  start(): Consent {
    const { consentMode, consentModeWait, consentModeRegion, cookieName, cookieDays } = this.config;
    if (consentMode) consentDefault(window, { waitForUpdate: consentModeWait, region: consentModeRegion });
    this.store = new ConsentStore(this.ctx, { read: () => readCookie(cookieName), maxAgeDays: cookieDays });
    return (this.#atStart = this.store.load());
  }

  stop(): void {
    this.#gate?.stop();
    this.#tabs?.close();
    this.#gate = this.#tabs = this.store = undefined;
  }

  /** A decision here: `take` changes the store; its effects follow in order. */
  decide(take: (store: ConsentStore) => Change, lang: string): void {
    if (!this.store) return;
    const change = take(this.store);
    this.hooks.changed(change.consent);
    void this.#commit(change, change.consent.decided ? lang : '');
  }

  /**
   * Every effect of a change, in this order: write the cookie → tell other tabs → Consent
   * Mode (before any tag it lets run) → gate and clean-up → `consent-change` → the record.
   * So a listener of `consent-change` finds the choice stored, and a record is queued only
   * for a choice that was.
   */
  #commit(change: Change, lang: string): Promise<unknown> {
    return (this.#queue = this.#queue.then(async () => {
      const { value, consent, changed, withdrawn } = change;
      const ready = await this.connect();
      let kept = ready;
      if (value !== undefined && this.#jar) {
        kept = value === null ? (this.#jar.remove(), true) : this.#jar.write(value);
        this.#tabs?.notify();
      }
      // Disconnected meanwhile: a later connection starts from the stored choice.
      if (!this.store) return;
      this.#tellConsentMode(consent);
      this.#gate?.apply();
      if (withdrawn.length > 0 && this.#runtime) {
        this.#gate?.revoke();
        const { cookies, reloadAdvised } = this.#runtime.withdraw(document, withdrawn, this.config.cookieName);
        emit(this.element, 'consent-cleanup', { categories: withdrawn, cookies, reloadAdvised });
      }
      emit(this.element, 'consent-change', { ...consent, categories: { ...consent.categories }, changed });
      if (value === undefined) return;
      if (value !== null) this.hooks.changed(consent, kept);
      if (value !== null && this.config.logEndpoint && this.#runtime) {
        this.#runtime.queueRecord(this.#runtime.recordOf(consent, lang, location.href));
        void this.#runtime.flushRecords(this.config.logEndpoint);
      }
    }));
  }

  /** Load the runtime (once) and, while started, gate, watch other tabs, send what is queued. `false` when it cannot be had. */
  async connect(): Promise<boolean> {
    try {
      this.#runtime ??= await loadRuntime();
    } catch (error) {
      this.hooks.warn(`piekritu: the runtime did not load, so nothing is activated or stored (${String(error)}).`);
      return false;
    }
    const runtime = this.#runtime;
    // Where the cookie goes matters only from the first write: read with the runtime.
    if (!this.#jar) {
      const { cookieDomain, cookiePath } = runtime.parseJarConfig((name) => this.element.getAttribute(name), location.hostname, this.hooks.warn);
      const { cookieName, cookieDays } = this.config;
      this.#jar = runtime.consentJar({ name: cookieName, domain: cookieDomain, path: cookiePath, days: cookieDays });
    }
    const store = this.store;
    if (!store || this.#gate) return true;
    const gate = (this.#gate = new runtime.Gate(document, {
      allows: (required) => allows(this.store?.consent.categories ?? {}, required),
      blocked: (embeds) => this.hooks.blocked(embeds),
    }));
    this.#tabs = runtime.watchOtherTabs(`piekritu:${this.config.cookieName}`, () => this.#onOtherTab());
    // Another tab may have decided while the runtime was on its way, before this tab listened:
    // read the cookie again, unless this tab has decided (or reset) since.
    if (store.consent === this.#atStart) this.#onOtherTab();
    // A returning visitor's Consent Mode update: before any gated tag, within `wait_for_update`.
    if (store.consent.decided) this.#tellConsentMode(store.consent);
    gate.start();
    const endpoint = this.config.logEndpoint;
    if (endpoint && runtime.hasQueuedRecords()) void runtime.flushRecords(endpoint);
    return true;
  }

  #onOtherTab(): void {
    const change = this.store?.reload();
    if (!change) return;
    this.hooks.changed(change.consent);
    void this.#commit(change, '');
  }

  /** Google Consent Mode hears of each consent once (by its id), whichever path brings it. */
  #tellConsentMode(consent: Consent): void {
    if (!this.config.consentMode || !this.#runtime || consent.id === this.#told) return;
    this.#told = consent.id;
    this.#runtime.consentUpdate(window, consent.categories);
  }
}
