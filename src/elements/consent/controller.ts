/**
 * The consent of one element and every effect of a change, in one place and one order.
 * It owns the store and the lazy runtime, whose `ConsentEffects` hold the gate, the other
 * tabs, the cookie jar, the records and Google Consent Mode; the element only asks it.
 */
import { contextOf, type Consent, type ConsentContext } from '../../core/consent.js';
import type { BootConfig } from '../../core/config.js';
import { version as BUNDLED_POLICY_VERSION } from '../../../locales/policy/lv.json';
import { readCookie } from '../../platform/cookie-read.js';
import { consentDefault } from '../../platform/gtag.js';
import { ConsentStore, type Change } from '../../platform/store.js';
import { emit, type ConsentView } from '../events.js';
import { loadRuntime } from '../chunks.js';
import type { ConsentEffects } from './effects.js';

/** What the controller tells its element. */
export interface ConsentHooks {
  warn(message: string): void;
  /** The consent changed (here or in another tab); then, for a decision here, whether it was stored. */
  changed(consent: Consent, kept?: boolean): void;
  /** Embeds still waiting for consent, as the gate last saw them. */
  blocked(embeds: HTMLElement[]): void;
  /** A script of a withdrawn category had already run: offer a reload. */
  reloadAdvised(): void;
}

export class ConsentController {
  readonly ctx: ConsentContext;
  store: ConsentStore | undefined;
  #effects: Promise<ConsentEffects | undefined> | undefined;
  /** The consent as read at start: still the same object while this tab has not decided. */
  #atStart: Consent | undefined;
  /** Changes take effect one after another, in the order they were made. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** Where the events go, and whose attributes say where the cookie is written. */
    readonly element: HTMLElement & { readonly consent: Consent; show(view: ConsentView): unknown },
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
    this.store = undefined;
    void this.#effects?.then((effects) => effects?.stop());
  }

  /** A decision here: `take` changes the store; its effects follow in order. */
  decide(take: (store: ConsentStore) => Change, lang: string): void {
    if (!this.store) return;
    const change = take(this.store);
    this.hooks.changed(change.consent);
    this.#commit(change, change.consent.decided ? lang : '');
  }

  /**
   * Every effect of a change, in this order: write the cookie → tell other tabs → Consent
   * Mode → gate and clean-up → `consent-change` → the record. So a listener of
   * `consent-change` finds the choice stored.
   */
  #commit(change: Change, lang: string): void {
    this.#queue = this.#queue.then(async () => {
      const effects = await this.connect();
      const kept = effects?.apply(change) ?? false;
      const { consent, value } = change;
      emit(this.element, 'consent-change', { ...consent, categories: { ...consent.categories }, changed: change.changed });
      if (!value) return;
      this.hooks.changed(consent, kept);
      effects?.record(consent, lang);
    });
  }

  /** Load the runtime (once), and start its effects while the element is connected. */
  async connect(): Promise<ConsentEffects | undefined> {
    this.#effects ??= loadRuntime().then(
      (runtime) => new runtime.ConsentEffects(this),
      (error) => {
        this.warn(`piekritu: the runtime did not load, so nothing is activated or stored (${String(error)}).`);
        // The next decision tries again.
        this.#effects = undefined;
        return undefined;
      },
    );
    const effects = await this.#effects;
    if (this.store) effects?.start();
    return effects;
  }

  // ---- what the effects may read and tell ----

  consent(): Consent | undefined {
    return this.store?.consent;
  }

  readonly warn = (message: string): void => this.hooks.warn(message);

  blocked(embeds: HTMLElement[]): void {
    this.hooks.blocked(embeds);
  }

  reloadAdvised(): void {
    this.hooks.reloadAdvised();
  }

  /**
   * Another tab decided: take what the cookie says. `catchingUp`: it may have, before this
   * tab listened; unless this tab has decided (or reset) since, which is newer.
   */
  otherTab(catchingUp = false): void {
    if (catchingUp && this.store?.consent !== this.#atStart) return;
    const change = this.store?.reload();
    if (!change) return;
    this.hooks.changed(change.consent);
    this.#commit(change, '');
  }
}
