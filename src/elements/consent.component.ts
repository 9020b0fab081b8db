import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { allows, contextOf, deniedOf, grantedOf, NOTHING_OFFERED, renewReason, undecided, type Categories, type Consent, type ConsentContext } from '../core/consent.js';
import { parseBootConfig, parseRevision, parseUrl, type BootConfig } from '../core/config.js';
import type { Lang } from '../core/locale.js';
import { version as BUNDLED_POLICY_VERSION } from '../../locales/policy/lv.json';
import { readCookie } from '../platform/cookie-read.js';
import type { CookieJar } from '../platform/cookies.js';
import type { Gate } from '../platform/gate.js';
import { consentDefault } from '../platform/gtag.js';
import { ConsentStore, type Change } from '../platform/store.js';
import { emit, type ConsentView } from './events.js';
import { LangController } from './lang-controller.js';
import { LATVIAN, loadStrings, translator, type Strings, type Translate } from './strings.js';
import { styles } from './consent.styles.js';
import { loadPlaceholders, loadRuntime, loadViews, type Placeholders, type Runtime, type Views } from './chunks.js';
import type { DialogView, Dialogs, ViewHost } from './views.js';


const TAG = 'piekritu-consent';
const STATUS_MS = 5000;

/** Run `task` in a later task: soon, or when the page is idle (within a second). */
function later(soon: boolean, task: () => void): void {
  if (soon || typeof requestIdleCallback !== 'function') setTimeout(task);
  else requestIdleCallback(task, { timeout: 1000 });
}

/** A tiny element builder for the first layer: text goes in as text, never as markup. */
function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]);
  node.append(...children);
  return node;
}

/**
 * The cookie-consent banner: a first layer with equally prominent "accept" and "reject",
 * a settings dialog with one switch per category, and the privacy policy. It stores the
 * choice, activates gated scripts and embeds, and speaks Latvian, English or Russian.
 *
 * Built on Lit's `ReactiveElement`. The first layer is a dozen DOM nodes made directly, so
 * no template engine sits on the critical path; the dialogs are lit-html templates that
 * load, with their texts, the first time they open.
 *
 * Attributes are read when the element connects (`cookie-domain`, `cookie-path` and
 * `consent-signals` when the runtime loads, after the banner); `lang`, `theme` and
 * `position` are live.
 *
 * @summary Cookie-consent banner, settings and policy.
 * @tagname piekritu-consent
 *
 * @attr lang - `lv`, `en` or `ru`; default: the nearest `[lang]`, else `lv`.
 * @attr categories - Optional categories offered, space- or comma-separated. Default: `preferences analytics marketing`.
 * @attr revision - The site's consent revision; a stored choice with another revision asks again.
 * @attr cookie-name - Name of the consent cookie. Default: `piekritu`.
 * @attr cookie-domain - Domain of the consent cookie. Default: host-only.
 * @attr cookie-path - Path of the consent cookie. Default: `/`.
 * @attr {number} cookie-days - Days a choice lasts. Default: 180, at most 395.
 * @attr policy-url - "Vairāk info" links here instead of opening the bundled policy.
 * @attr policy-src - URL template of the policy JSON (`{lang}` is replaced).
 * @attr policy-version - Version of a site's own policy.
 * @attr locales-src - Folder of the locale files, when they are not beside the script (bundlers).
 * @attr {boolean} consent-mode - Bridge to Google Consent Mode v2.
 * @attr {number} consent-mode-wait - Milliseconds Google tags wait for the update. Default: 500.
 * @attr consent-mode-region - ISO 3166 region codes the default applies to. Default: everywhere.
 * @attr consent-signals - Consent signals for other tags: `clarity uet meta matomo` (read with the runtime). Default: none.
 * @attr log-endpoint - URL that receives a JSON record of each decision.
 * @attr {boolean} ignore-gpc - Do not honour Global Privacy Control.
 * @attr {'light' | 'dark' | 'auto'} theme - Colour scheme. Default: `auto`.
 * @attr {'bottom' | 'bottom-start' | 'bottom-end' | 'top'} position - Where the banner sits. Default: `bottom`.
 *
 * @fires consent-ready - Once per page load (and on re-connection), after the stored choice is read.
 * @fires consent-change - After every saved decision; `detail.changed` lists flipped categories.
 * @fires consent-show - A view (`detail.view`: banner, preferences, policy) opened.
 * @fires consent-hide - A view closed.
 * @fires consent-cleanup - Cookies of withdrawn categories were deleted.
 * @fires consent-signal - The consent state for any tag's own consent API: `detail.phase` `default` (before gated tags run), then `update` on a returning load and after each decision.
 *
 * @csspart banner - The first layer (a named region).
 * @csspart preferences - The settings `<dialog>`.
 * @csspart policy - The policy `<dialog>`.
 * @csspart status - The "choice saved" announcement.
 * @csspart reload - In the status region, after a withdrawal a running script can ignore: the reload offer.
 * @csspart reload-button - "Pārlādēt lapu".
 * @csspart accept-button - "Piekrītu".
 * @csspart reject-button - "Noraidīt".
 * @csspart preferences-button - "Personalizēt".
 * @csspart policy-button - "Vairāk info".
 * @csspart save-button - "Saglabāt izvēli".
 * @csspart accept-all-button - "Apstiprināt visus".
 * @csspart reject-all-button - "Noraidīt visus".
 * @csspart close-button - The close button of a dialog.
 *
 * @cssproperty --piekritu-font - Font family. Default: inherited.
 * @cssproperty --piekritu-background - Surface colour.
 * @cssproperty --piekritu-color - Text colour.
 * @cssproperty --piekritu-muted - Secondary text colour.
 * @cssproperty --piekritu-accent - Button and switch colour.
 * @cssproperty --piekritu-accent-contrast - Text on the accent colour.
 * @cssproperty --piekritu-border - Borders of controls and surfaces (3:1 against the surface).
 * @cssproperty --piekritu-focus - Focus ring colour.
 * @cssproperty --piekritu-radius - Corner radius.
 * @cssproperty --piekritu-shadow - Shadow of the banner and dialogs.
 * @cssproperty --piekritu-z-index - Stacking order of the banner.
 * @cssproperty --piekritu-max-width - Largest width of the banner box.
 */
export class PiekrituConsent extends ReactiveElement {
  static override styles = styles;

  /** Internal reactive state (declared here rather than with decorators: no helper code in the bundle). */
  static override properties = {
    bannerOpen: { state: true, attribute: false },
    dialog: { state: true, attribute: false },
    status: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
  };

  /** The consent now: the same shape as the events' `detail`. */
  get consent(): Consent {
    const consent = this.#store?.consent ?? undecided(NOTHING_OFFERED);
    return { ...consent, categories: { ...consent.categories } };
  }

  private bannerOpen = false;
  /** The dialog open now (the banner hides under it). */
  private dialog: DialogView | null = null;
  private status = '';
  /** Text files fetched from beside the script, by name (`ru.banner`, `lv.renew`). */
  private loaded: Record<string, Strings> = {};
  readonly #requested = new Set<string>();

  #config!: BootConfig;
  #ctx!: ConsentContext;
  #store: ConsentStore | undefined;
  /** The consent as read at connection: still the same object while this tab has not decided. */
  #consentAtStart: Consent | undefined;
  #gate: Gate | undefined;
  #tabs: { notify(): void; close(): void } | undefined;
  #views: Views | undefined;
  #placeholders: Placeholders | undefined;
  #runtime: Runtime | undefined;
  /** The id of the consent Google Consent Mode was last told of. */
  #toldConsentMode: string | undefined;
  #jar: CookieJar | undefined;
  #dialogs: Dialogs | undefined;
  #policySrc = '';
  /** The site's own folder of text files (`locales-src`); `''`: the package's files. */
  #localesSrc = '';
  #statusTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #warned = new Set<string>();
  #pageRoom: { observer: ResizeObserver; padding: string; scrollPadding: string } | undefined;
  /** The first layer as built, and what it was built from (rebuilt when that changes). */
  #banner: { node: HTMLElement; key: string } | undefined;
  #statusNode: HTMLElement | undefined;
  #dialogSlot: HTMLElement | undefined;
  /** Embeds waiting for consent, as the gate last saw them. */
  #blocked: HTMLElement[] = [];

  get #t(): Translate {
    return translator(...this.#textFiles().map((file) => this.loaded[file]), LATVIAN);
  }

  /**
   * The text files the banner needs now: another language's banner texts (Latvian's are
   * bundled, unless the site brings its own with `locales-src`), and why it asks again.
   */
  #textFiles(): string[] {
    const lang = this.#language.lang;
    const files = lang === 'lv' && !this.#localesSrc ? [] : [`${lang}.banner`];
    if (this.#renew) files.push(`${lang}.renew`);
    return files;
  }

  /** Why a stored choice was set aside ('' for a first visit). */
  get #renew(): string {
    return renewReason(this.#store?.voided ?? null);
  }

  readonly #warn = (message: string): void => {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(message);
  };

  readonly #language = new LangController(this, this.#warn);

  /** The page's working element: the one that started (a second one stays empty). */
  static active(doc: Document): PiekrituConsent | undefined {
    return Array.from(doc.querySelectorAll(TAG)).find(
      (element): element is PiekrituConsent => element instanceof PiekrituConsent && element.#store !== undefined,
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (PiekrituConsent.active(document)) {
      this.#warn(`piekritu: only one <${TAG}> is active on a page; this one stays empty.`);
      return;
    }
    try {
      this.#start();
    } catch (error) {
      // Whatever happens here, the page itself must go on working.
      console.warn('piekritu: could not start.', error);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#gate?.stop();
    this.#tabs?.close();
    this.#gate = this.#tabs = undefined;
    document.removeEventListener('click', this.#onOpenerClick);
    this.#leaveRoom();
    clearTimeout(this.#statusTimer);
    this.#store = undefined;
    // Built again on re-connection, so the banner shows, and keeps its room on the page, again.
    this.#banner?.node.remove();
    this.#banner = undefined;
    this.bannerOpen = false;
  }

  #start(): void {
    const read = (name: string) => this.getAttribute(name);
    this.#config = parseBootConfig(read, this.#warn);
    const locales = parseUrl('locales-src', read('locales-src'), this.#warn);
    // A folder, resolved against the page like any URL attribute.
    this.#localesSrc = locales ? new URL(locales.replace(/\/?$/, '/'), document.baseURI).href : '';
    this.#policySrc = parseUrl('policy-src', read('policy-src'), this.#warn) ?? '';
    this.#ctx = contextOf(
      this.#config,
      parseRevision(read('policy-version'), this.#warn) || BUNDLED_POLICY_VERSION,
      (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
    );
    const { consentMode, consentModeWait, consentModeRegion } = this.#config;
    if (consentMode) consentDefault(window, { waitForUpdate: consentModeWait, region: consentModeRegion });

    const { cookieName, cookieDays } = this.#config;
    this.#store = new ConsentStore(this.#ctx, { read: () => readCookie(cookieName), maxAgeDays: cookieDays });
    const consent = this.#store.load();

    document.addEventListener('click', this.#onOpenerClick);
    emit(this, 'consent-ready', this.consent);
    if (!consent.decided) this.#openBanner();
    this.#consentAtStart = consent;
    // A link straight to the policy or the settings: …#piekritu-policy, …#piekritu-preferences.
    const linked = /^#piekritu-(policy|preferences)$/.exec(location.hash);
    if (linked) void this.show(linked[1] as ConsentView);
    // Gating and the rest come in a task of their own, after the banner: a returning
    // visitor's granted tags at once, a first visitor's (nothing granted yet) when idle.
    later(consent.decided, () => void this.#connectRuntime());
  }

  // ---- public API --------------------------------------------------------------------

  /** Grant every offered category (under Global Privacy Control, all but marketing). */
  acceptAll(): void {
    this.#commit(() => this.#store?.decide('all', this.#ctx.offered));
  }

  /** Refuse every optional category. */
  rejectAll(): void {
    this.#commit(() => this.#store?.decide('necessary', []));
  }

  /** Save a selection: category names, or a `{ name: boolean }` map. Others are refused. */
  save(categories: Iterable<string> | Partial<Categories>): void {
    const names =
      typeof (categories as Iterable<string>)[Symbol.iterator] === 'function'
        ? [...(categories as Iterable<string>)]
        : grantedOf(categories as Categories);
    this.#commit(() => this.#store?.decide('custom', names));
  }

  /**
   * Open a view; resolves once it is open. The dialogs load on first use. Without a
   * stored choice the banner stays under them.
   */
  async show(view: ConsentView = 'banner'): Promise<void> {
    if (!this.#store) return;
    if (view === 'banner') return this.#openBanner();
    if (view === 'policy' && this.#config.policyUrl) {
      location.assign(this.#config.policyUrl);
      return;
    }
    if (view !== 'preferences' && view !== 'policy') {
      this.#warn(`piekritu: show(${JSON.stringify(String(view))}) is not banner, preferences or policy.`);
      return;
    }
    if (this.dialog === view) return;
    // Focus returns here: one of the banner's buttons, or the page's opener.
    const opener = ((this.renderRoot as ShadowRoot).activeElement ?? document.activeElement) as HTMLElement | null;
    if (!(await this.#ensureViews()) || !this.#dialogs) return;
    this.#dialogs.open(view, opener);
    await this.updateComplete;
  }

  /** Close whatever is open. The banner of an undecided visitor closes too, but no choice is made. */
  hide(): void {
    this.#closeDialog();
    this.#closeBanner();
  }

  /** Forget the stored choice and ask again. */
  reset(): void {
    this.#commit(() => this.#store?.reset());
  }

  // ---- decisions ---------------------------------------------------------------------

  #commit(take: () => Change | undefined): void {
    if (!this.#store) return;
    const change = take();
    if (!change) return;
    const { consent } = change;
    this.#apply(change);
    this.#closeDialog();
    if (consent.decided) this.#closeBanner();
    else this.#openBanner();
    void this.#persist(change.value, consent.decided ? this.#language.lang : '');
  }

  /**
   * Store the change (js-cookie comes with the runtime), tell other tabs, and queue the
   * proof-of-consent record before sending it: a tab closed mid-request still has it on
   * the next visit.
   */
  async #persist(value: string | null | undefined, lang: string): Promise<void> {
    const consent = this.#store?.consent;
    const ready = await this.#ensureRuntime();
    if (value === undefined) return;
    const kept = ready && this.#jar ? (value === null ? (this.#jar.remove(), true) : this.#jar.write(value)) : false;
    this.#tabs?.notify();
    if (value === null) return;
    this.#announce(this.#t(kept ? 'status.saved' : 'status.unsaved'));
    if (this.#config.logEndpoint && this.#runtime && consent) {
      this.#runtime.queueRecord(this.#runtime.recordOf(consent, lang, location.href));
      void this.#sendRecords();
    }
  }

  /** What follows any change, here or from another tab: gating, clean-up, Consent Mode, the event. */
  #apply({ changed, withdrawn }: Change): void {
    // A decision before the runtime connected (it waits for an idle moment) connects it now.
    if (this.#gate) this.#gateNow(withdrawn);
    else void this.#connectRuntime().then(() => this.#gateNow(withdrawn));
    emit(this, 'consent-change', { ...this.consent, changed });
  }

  /** Tell Consent Mode, run what is now granted, put embeds of withdrawn categories to sleep, delete their cookies. */
  #gateNow(withdrawn: string[]): void {
    // Disconnected meanwhile: a later connection starts from the stored choice.
    if (!this.#store) return;
    this.#tellConsentMode();
    this.#gate?.apply();
    if (withdrawn.length === 0 || !this.#runtime) return;
    const { cookies, reloadAdvised } = this.#runtime.withdraw(document, withdrawn, this.#config.cookieName);
    // A script of a withdrawn category ran: the status region offers a reload (it comes with the views).
    if (reloadAdvised) void this.#ensureViews().then(() => this.#views?.offerReload(this.#statusNode!, this.#viewHost));
    emit(this, 'consent-cleanup', { categories: withdrawn, cookies, reloadAdvised });
  }

  /** Google Consent Mode hears of each consent once (by its id), whichever path brings it. */
  #tellConsentMode(): void {
    const consent = this.consent;
    if (!this.#config.consentMode || !this.#runtime || consent.id === this.#toldConsentMode) return;
    this.#toldConsentMode = consent.id;
    this.#runtime.consentUpdate(window, consent.categories);
  }

  /** Load the runtime (once). `false` when it cannot be had. */
  async #ensureRuntime(): Promise<boolean> {
    if (this.#runtime) return true;
    try {
      const runtime = await loadRuntime();
      if (!this.#runtime) {
        // Where the cookie goes matters only from the first write: read with the runtime.
        const { cookieDomain, cookiePath } = runtime.parseJarConfig((name) => this.getAttribute(name), location.hostname, this.#warn);
        const { cookieName, cookieDays } = this.#config;
        this.#jar = runtime.openJar({ name: cookieName, domain: cookieDomain, path: cookiePath, days: cookieDays });
        this.#runtime = runtime;
        // Before the gate starts: vendors' defaults precede any tag gated with data-consent.
        runtime.bridgeSignals(this, this.#warn);
      }
      return true;
    } catch (error) {
      this.#warn(`piekritu: the runtime did not load, so nothing is activated or stored (${String(error)}).`);
      return false;
    }
  }

  /** While connected: gating, cross-tab sync and sending what is queued. */
  async #connectRuntime(): Promise<void> {
    if (!(await this.#ensureRuntime()) || !this.#runtime || !this.#store || this.#gate) return;
    const runtime = this.#runtime;
    const gate = new runtime.Gate(document, {
      allows: (required) => allows(this.#store?.consent.categories ?? {}, required),
      blocked: (embeds) => {
        this.#blocked = embeds;
        if (embeds.length > 0 || this.#placeholders) void this.#placehold();
      },
    });
    this.#gate = gate;
    this.#tabs = runtime.watchOtherTabs(`piekritu:${this.#config.cookieName}`, () => this.#onOtherTab());
    // Another tab may have decided while the runtime was on its way, before this tab listened:
    // read the cookie again, unless this tab has decided (or reset) since.
    if (this.#store.consent === this.#consentAtStart) this.#onOtherTab();
    // A returning visitor's Consent Mode update: before any gated tag, within `wait_for_update`.
    if (this.#store.consent.decided) this.#tellConsentMode();
    gate.start();
    // Refused categories' declared cookies go on every page load, not only at the withdrawal.
    runtime.withdraw(document, deniedOf(this.consent.categories), this.#config.cookieName);
    if (this.#config.logEndpoint && runtime.hasQueuedRecords()) void this.#sendRecords();
  }

  /**
   * Placeholders load on their own, after the banner (never the dialogs with them). A chunk
   * that cannot load rejects with its URL, which the console shows.
   */
  async #placehold(): Promise<void> {
    this.#placeholders ??= await loadPlaceholders();
    this.#placeholders.placehold(document, this.#blocked, this.#viewHost);
  }

  async #sendRecords(): Promise<void> {
    const endpoint = this.#config.logEndpoint;
    if (endpoint && (await this.#ensureRuntime())) await this.#runtime?.flushRecords(endpoint, this.#jar);
  }

  #onOtherTab(): void {
    if (!this.#store) return;
    const change = this.#store.reload();
    if (!change) return;
    this.#apply(change);
    if (change.consent.decided) this.hide();
    else this.#openBanner();
  }

  // ---- views -------------------------------------------------------------------------

  #openBanner(): void {
    if (this.bannerOpen) return;
    this.bannerOpen = true;
    emit(this, 'consent-show', { view: 'banner' });
  }

  #closeBanner(): void {
    if (!this.bannerOpen) return;
    this.bannerOpen = false;
    this.#leaveRoom();
    emit(this, 'consent-hide', { view: 'banner' });
  }

  #closeDialog(): void {
    this.#dialogs?.close();
  }

  readonly #onOpenerClick = (event: MouseEvent): void => {
    const opener = (event.target as Element | null)?.closest?.('[data-piekritu-open]');
    if (!opener) return;
    event.preventDefault();
    (opener as HTMLElement).focus();
    void this.show((opener.getAttribute('data-piekritu-open') || 'preferences') as ConsentView);
  };

  #announce(text: string): void {
    this.status = text;
    clearTimeout(this.#statusTimer);
    this.#statusTimer = setTimeout(() => (this.status = ''), STATUS_MS);
  }

  /** Load the dialogs (once). `false` when they cannot be had. */
  async #ensureViews(): Promise<boolean> {
    if (this.#views) return true;
    try {
      const views = await loadViews();
      if (!this.#views && this.#dialogSlot) {
        this.#views = views;
        this.#dialogs = new views.Dialogs(this.#viewHost, this.#dialogSlot);
      }
      return Boolean(this.#views);
    } catch (error) {
      this.#warn(`piekritu: the dialogs did not load (${String(error)}).`);
      return false;
    }
  }

  /** Fetch the text files not had yet, once each; a missing one falls back to Latvian (the loader warns). */
  async #loadTexts(files: string[]): Promise<void> {
    const missing = files.filter((name) => !this.#requested.has(name));
    for (const file of missing) this.#requested.add(file);
    // Together, not one after the other: the banner waits for all of them.
    const tables = await Promise.all(missing.map((file) => loadStrings(file, this.#localesSrc)));
    if (missing.length > 0) this.loaded = { ...this.loaded, ...Object.fromEntries(missing.map((file, i) => [file, tables[i] ?? {}])) };
  }

  /** WCAG 2.4.11: the page keeps room for the banner, so nothing focused hides behind it. */
  #keepRoom(banner: HTMLElement): void {
    if (this.#pageRoom || typeof ResizeObserver !== 'function') return;
    const root = document.documentElement.style;
    const side = this.#config.position === 'top' ? 'top' : 'bottom';
    const padding = root.getPropertyValue(`padding-${side}`);
    const scrollPadding = root.getPropertyValue(`scroll-padding-${side}`);
    const observer = new ResizeObserver(() => {
      // From the banner's far edge to the window's: the gap under a floating box counts too.
      const box = banner.getBoundingClientRect();
      // Hidden under an open dialog: the room stays as it was (not a whole window of it).
      if (box.height === 0) return;
      const room = `${Math.ceil(side === 'top' ? box.bottom : innerHeight - box.top)}px`;
      root.setProperty(`scroll-padding-${side}`, room);
      // Only a full-width bar takes the page's edge; a corner box leaves it be.
      if (this.#config.position === 'bottom' || side === 'top') root.setProperty(`padding-${side}`, room);
    });
    observer.observe(banner);
    this.#pageRoom = { observer, padding, scrollPadding };
  }

  #leaveRoom(): void {
    if (!this.#pageRoom) return;
    const side = this.#config.position === 'top' ? 'top' : 'bottom';
    const root = document.documentElement.style;
    this.#pageRoom.observer.disconnect();
    root.setProperty(`padding-${side}`, this.#pageRoom.padding);
    root.setProperty(`scroll-padding-${side}`, this.#pageRoom.scrollPadding);
    this.#pageRoom = undefined;
  }

  /** The dialogs' and placeholders' window onto this element. */
  readonly #viewHost: ViewHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const host = this;
    return {
      get t() {
        return host.#t;
      },
      get lang() {
        return host.#language.lang;
      },
      get offered() {
        return host.#ctx.offered;
      },
      get gpc() {
        return host.#ctx.gpc;
      },
      get consent() {
        return host.consent;
      },
      get policyUrl() {
        return host.#config.policyUrl;
      },
      get root() {
        return host.renderRoot as ShadowRoot;
      },
      get consentCookie() {
        return { name: host.#config.cookieName, days: host.#config.cookieDays };
      },
      get policySrc() {
        return host.#policySrc;
      },
      get localesSrc() {
        return host.#localesSrc;
      },
      refresh: () => host.requestUpdate(),
      acceptAll: () => host.acceptAll(),
      rejectAll: () => host.rejectAll(),
      save: (categories: string[]) => host.save(categories),
      shown(view: DialogView) {
        host.dialog = view;
        emit(host, 'consent-show', { view });
      },
      hidden(view: DialogView) {
        host.dialog = null;
        emit(host, 'consent-hide', { view });
        return host.updateComplete;
      },
    };
  })();

  // ---- rendering ---------------------------------------------------------------------

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    if (!this.#store) return;
    const root = this.renderRoot;
    if (!this.#statusNode) {
      this.#dialogSlot = h('div', { class: 'dialogs' });
      this.#statusNode = h('div', { part: 'status', class: 'status', role: 'status' }, '');
      root.append(this.#dialogSlot, this.#statusNode);
    }
    const lang = this.#language.lang;
    void this.#loadTexts(this.#textFiles());
    this.#statusNode.lang = lang;
    // The announcement is the region's first node; a reload offer may follow it.
    (this.#statusNode.firstChild as Text).data = this.status;
    this.#paintBanner(lang);
    if (this.#placeholders && (changed.has('loaded') || this.#blocked.length > 0)) this.#placeholders.placehold(document, this.#blocked, this.#viewHost);
    // A language change reaches an open dialog.
    if (this.dialog && !changed.has('dialog')) this.#dialogs?.render();
  }

  /** The first layer: built when it opens (or when its language or message changes), else only shown or hidden. */
  #paintBanner(lang: Lang): void {
    const renew = this.#renew;
    const ready = this.#textFiles().every((file) => file in this.loaded);
    const key = `${lang} ${renew}`;
    if (!this.bannerOpen || !ready) {
      this.#banner?.node.remove();
      this.#banner = undefined;
      this.#leaveRoom();
      return;
    }
    if (this.#banner?.key !== key) {
      const focused = (this.renderRoot as ShadowRoot).activeElement?.getAttribute('part');
      const node = this.#buildBanner(lang, renew);
      if (this.#banner) this.#banner.node.replaceWith(node);
      else this.renderRoot.insertBefore(node, this.renderRoot.firstChild);
      this.#banner = { node, key };
      if (focused) node.querySelector<HTMLElement>(`[part="${focused}"]`)?.focus();
      this.#leaveRoom();
      this.#keepRoom(node);
    }
    // Under an open dialog the banner waits out of sight (it would only sit behind the backdrop).
    this.#banner.node.hidden = this.dialog !== null;
  }

  #buildBanner(lang: Lang, renew: string): HTMLElement {
    const t = this.#t;
    const button = (part: string, style: string, label: string, action: () => void) => {
      const node = h('button', { part, class: style }, t(label));
      node.addEventListener('click', action);
      return node;
    };
    // Fetch the dialogs as soon as a visitor shows intent, so they open without a wait.
    const preload = (node: HTMLElement) => {
      for (const type of ['pointerenter', 'focus']) node.addEventListener(type, () => void this.#ensureViews(), { once: true });
      return node;
    };
    // Why it asks again; a renew file that did not load leaves it out rather than show a key.
    const key = `banner.renew.${renew}`;
    const reason = renew && t(key) !== key ? t(key) : '';
    const policyUrl = this.#config.policyUrl;
    const policy = policyUrl
      ? h('a', { part: 'policy-button', class: 'link', href: policyUrl }, t('action.policy'))
      : preload(button('policy-button', 'link', 'action.policy', () => void this.show('policy')));
    return h(
      'section',
      { part: 'banner', class: 'banner', role: 'region', 'aria-labelledby': 'banner-title', lang },
      h('h2', { id: 'banner-title' }, t('banner.title')),
      ...(reason ? [h('p', { class: 'notice' }, reason)] : []),
      h('p', {}, t('banner.text')),
      ...(this.#ctx.gpc ? [h('p', { class: 'notice' }, t('banner.gpc'))] : []),
      h(
        'div',
        { class: 'actions' },
        button('accept-button', 'choice', 'action.accept', () => this.acceptAll()),
        button('reject-button', 'choice', 'action.reject', () => this.rejectAll()),
        preload(button('preferences-button', 'secondary', 'action.preferences', () => void this.show('preferences'))),
        policy,
      ),
    );
  }
}

export const tagName = TAG;

declare global {
  interface HTMLElementTagNameMap {
    'piekritu-consent': PiekrituConsent;
  }
}
