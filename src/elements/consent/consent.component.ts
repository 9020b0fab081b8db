import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { grantedOf, NOTHING_OFFERED, renewReason, undecided, type Categories, type Consent } from '../../core/consent.js';
import { parseBootConfig, parseOneOf, POSITIONS } from '../../core/config.js';
import type { Change, ConsentStore } from '../../platform/store.js';
import { loadPlaceholders, loadViews, type Placeholders, type Views } from '../chunks.js';
import { LangController } from '../controllers/lang.js';
import { RoomController } from '../controllers/room.js';
import { StatusController } from '../controllers/status.js';
import { TextsController } from '../controllers/texts.js';
import { emit, type ConsentView } from '../events.js';
import { LATVIAN } from '../strings.js';
import type { DialogHost, DialogView, Dialogs } from '../views.js';
import { bannerKey, drawBanner, h, wireBanner } from './banner.js';
import { ConsentController } from './controller.js';
import { styles } from './consent.styles.js';

const TAG = 'piekritu-consent';

/** Run `task` in a later task: soon, or when the page is idle (within a second). */
function later(soon: boolean, task: () => void): void {
  if (soon || typeof requestIdleCallback !== 'function') setTimeout(task);
  else requestIdleCallback(task, { timeout: 1000 });
}

/**
 * The cookie-consent banner: a first layer with equally prominent "accept" and "reject",
 * a settings dialog with one switch per category, and the privacy policy. It stores the
 * choice, activates gated scripts and embeds, and speaks Latvian, English or Russian.
 *
 * Built on Lit's `ReactiveElement`: this class holds the properties, the lifecycle and the
 * public API. The consent and all its effects belong to a `ConsentController`; the first
 * layer is drawn by one function (`drawBanner`, shared with `piekritu/ssr`), a dozen DOM nodes with no template
 * engine on the critical path; the dialogs render from one `view` state and load, with
 * their texts, the first time they open.
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
 * @attr cookie-days - Days a choice lasts. Default: 180, at most 395.
 * @attr policy-url - "Vairāk info" links here instead of opening the bundled policy.
 * @attr policy-src - URL template of the policy JSON (`{lang}` is replaced).
 * @attr policy-version - Version of a site's own policy.
 * @attr locales-src - Folder of the locale files, when they are not beside the script (bundlers).
 * @attr {boolean} consent-mode - Bridge to Google Consent Mode v2.
 * @attr consent-mode-wait - Milliseconds Google tags wait for the update. Default: 500.
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

  /** Reactive properties and state (declared here rather than with decorators: no helper code in the bundle). */
  static override properties = {
    position: {},
    view: { state: true, attribute: false },
    bannerOpen: { state: true, attribute: false },
  };

  /** Where the banner sits: `bottom` (default), `bottom-start`, `bottom-end` or `top`. Live. */
  position: string | null | undefined;

  /** The consent now: the same shape as the events' `detail`. */
  get consent(): Consent {
    const consent = this.#consent?.store?.consent ?? undecided(NOTHING_OFFERED);
    return { ...consent, categories: { ...consent.categories } };
  }

  /** The one dialog open now, if any (the banner hides under it). */
  private view: DialogView | null = null;
  private bannerOpen = false;

  readonly #warned = new Set<string>();
  readonly #warn = (message: string): void => {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(message);
  };

  readonly #language = new LangController(this, this.#warn);
  readonly #texts = new TextsController(this);
  readonly #room = new RoomController();
  readonly #status = new StatusController();
  #consent: ConsentController | undefined;
  #views: Views | undefined;
  #placeholders: Placeholders | undefined;
  #dialogs: Dialogs | undefined;
  #dialogHost: DialogHost | undefined;
  readonly #dialogSlot = h('div', { class: 'dialogs' });
  /** `show()` asked for the view drawn now: open its dialog even if it was drawn already. */
  #reopen = false;
  /** The dialog last drawn, as `consent-show`/`consent-hide` told the page. */
  #drawn: DialogView | null = null;
  /** The first layer as built, and what it was built from (rebuilt when that changes). */
  #banner: { node: HTMLElement; key: string } | undefined;
  /** Embeds waiting for consent, as the gate last saw them. */
  #blocked: HTMLElement[] = [];
  /** A withdrawal left a script running: the reload offer stays until the page reloads. */
  #reloadOffered = false;
  /** The element's styles are in its shadow root (`#style()`). */
  #styled = false;
  /** What opened the dialog: focus returns there when it closes. */
  #returnFocus: HTMLElement | null = null;
  /** Where a keyboard visitor came into this element from: their place on the page. */
  #cameFrom: HTMLElement | null = null;
  /** Focus to move after the next render, when what had it is gone (`null`: the visitor's place). */
  #focusNext: HTMLElement | null | undefined;

  constructor() {
    super();
    this.addEventListener('focusin', (event) => {
      const from = event.relatedTarget;
      if (from instanceof HTMLElement && from !== this && !this.contains(from)) this.#cameFrom = from;
    });
  }

  /** The page's working element: the one that started (a second one stays empty). */
  static active(doc: Document): PiekrituConsent | undefined {
    return Array.from(doc.querySelectorAll(TAG)).find(
      (element): element is PiekrituConsent => element instanceof PiekrituConsent && element.#consent?.store !== undefined,
    );
  }

  /**
   * The element's styles, adopted with the first thing shown (a returning visitor's page
   * adopts none; `static styles` would at connection), before any the dialogs added; none
   * when the page brought them with its banner (a declarative shadow root's `<style>`).
   */
  #style(): void {
    const root = this.renderRoot as ShadowRoot;
    // A `<style>` the page's CSP blocked has no sheet: adopted then, as without one.
    if (!this.#styled && !root.querySelector('style')?.sheet) root.adoptedStyleSheets = [...styles.map((sheet) => sheet.styleSheet!), ...root.adoptedStyleSheets];
    this.#styled = true;
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
    this.#consent?.stop();
    this.#room.leave();
    this.#status.stop();
    // Built again on re-connection, so the banner shows, and keeps its room on the page, again.
    this.#banner?.node.remove();
    this.#banner = undefined;
    this.bannerOpen = false;
  }

  #start(): void {
    const config = parseBootConfig((name) => this.getAttribute(name), this.#warn);
    // A folder, resolved against the page like any URL attribute.
    this.#texts.localesSrc = config.localesSrc ? new URL(config.localesSrc.replace(/\/?$/, '/'), document.baseURI).href : '';
    const controller = (this.#consent = new ConsentController(this, config, {
      warn: this.#warn,
      changed: (consent, kept) => {
        if (kept !== undefined) {
          this.#style();
          return this.#status.announce(this.#bannerT()(kept ? 'status.saved' : 'status.unsaved'), this.#language.lang);
        }
        this.#setView(null);
        if (consent.decided) this.#closeBanner();
        else this.#openBanner();
      },
      // A script of a withdrawn category ran: the status region offers a reload (it comes with the views).
      reloadAdvised: () => void this.#ensureViews().then(() => ((this.#reloadOffered = true), this.requestUpdate())),
      blocked: (embeds) => {
        this.#blocked = embeds;
        // Placeholders load on their own (never the dialogs with them). A chunk that cannot
        // load rejects with its URL, which the console shows.
        if (embeds.length > 0 || this.#placeholders) void loadPlaceholders().then((placeholders) => ((this.#placeholders = placeholders), this.requestUpdate()));
      },
    }));
    const consent = controller.start();
    emit(this, 'consent-ready', this.consent);
    if (!consent.decided) this.#openBanner();
    // Gating and the rest come in a task of their own, after the banner: a returning
    // visitor's granted tags at once, a first visitor's (nothing granted yet) when idle.
    later(consent.decided, () => void controller.connect());
  }

  // ---- public API --------------------------------------------------------------------

  /** Grant every offered category (under Global Privacy Control, all but marketing). */
  acceptAll(): void {
    this.#decide((store) => store.decide('all', this.#consent!.ctx.offered));
  }

  /** Refuse every optional category. */
  rejectAll(): void {
    this.#decide((store) => store.decide('necessary', []));
  }

  /** Save a selection: category names, or a `{ name: boolean }` map. Others are refused. */
  save(categories: Iterable<string> | Partial<Categories>): void {
    const names =
      typeof (categories as Iterable<string>)[Symbol.iterator] === 'function'
        ? [...(categories as Iterable<string>)]
        : grantedOf(categories as Categories);
    this.#decide((store) => store.decide('custom', names));
  }

  /**
   * Open a view; resolves once it is open. The dialogs load on first use. Without a
   * stored choice the banner stays under them.
   */
  async show(view: ConsentView = 'banner'): Promise<void> {
    const config = this.#consent?.config;
    if (!config) return;
    if (view === 'banner') return this.#openBanner();
    if (view === 'policy' && config.policyUrl) {
      location.assign(config.policyUrl);
      return;
    }
    if (view !== 'preferences' && view !== 'policy') {
      this.#warn(`piekritu: show(${JSON.stringify(String(view))}) is not banner, preferences or policy.`);
      return;
    }
    // Focus returns here: one of the banner's buttons, or the page's opener.
    if (!this.view) this.#returnFocus = ((this.renderRoot as ShadowRoot).activeElement ?? document.activeElement) as HTMLElement | null;
    if (!(await this.#ensureViews())) return;
    this.#setView(view);
    this.#reopen = true;
    this.requestUpdate();
    await this.updateComplete;
  }

  /** Close whatever is open. The banner of an undecided visitor closes too, but no choice is made. */
  hide(): void {
    this.#setView(null);
    this.#closeBanner();
  }

  /** Forget the stored choice and ask again. */
  reset(): void {
    this.#decide((store) => store.reset());
  }

  #decide(take: (store: ConsentStore) => Change): void {
    this.#consent?.decide(take, this.#language.lang);
  }

  // ---- views -------------------------------------------------------------------------

  /** The one place the open dialog changes. When it closes with focus inside, focus goes back to its opener. */
  #setView(view: DialogView | null): void {
    if (this.view === view) return;
    const active = document.activeElement;
    // Focus in the dialog, or already dropped to the page's start by the dialog closing.
    if (!view && (!active || active === this || active === document.body)) this.#focusNext = this.#returnFocus;
    this.view = view;
  }

  #openBanner(): void {
    if (this.bannerOpen) return;
    this.bannerOpen = true;
    emit(this, 'consent-show', { view: 'banner' });
  }

  #closeBanner(): void {
    if (!this.bannerOpen) return;
    this.bannerOpen = false;
    // Focus was on the banner: it goes back to where the visitor was.
    if (this.#banner?.node.contains((this.renderRoot as ShadowRoot).activeElement)) this.#focusNext ??= null;
    emit(this, 'consent-hide', { view: 'banner' });
  }

  /** A visitor is about to open a dialog: fetch it now, so it opens without a wait. */
  readonly #intent = (): void => void this.#ensureViews();

  /** Load the dialogs (once). `false` when they cannot be had. */
  async #ensureViews(): Promise<boolean> {
    try {
      const views = (this.#views ??= await loadViews());
      this.#texts.fallback = [LATVIAN, views.LATVIAN_DIALOGS];
      // The dialogs' window onto this element, built by the views.
      this.#dialogHost ??= views.dialogHost(this, {
        t: () => this.#texts.t(this.#dialogFiles()),
        lang: () => this.#language.lang,
        controller: () => this.#consent!,
        localesSrc: () => this.#texts.localesSrc,
        closed: (view) => this.view === view && this.#setView(null),
      });
      this.#dialogs ??= new views.Dialogs(this.#dialogHost, this.#dialogSlot);
      return true;
    } catch (error) {
      this.#warn(`piekritu: the dialogs did not load (${String(error)}).`);
      return false;
    }
  }

  /** The banner's text files now: its language's texts, and why it asks again. */
  #bannerFiles(): string[] {
    return this.#texts.files(this.#language.lang, this.#renew ? ['banner', 'renew'] : ['banner']);
  }

  #bannerT() {
    return this.#texts.t(this.#bannerFiles());
  }

  #dialogFiles(): string[] {
    return this.#texts.files(this.#language.lang, ['dialogs', 'banner']);
  }

  /** Why a stored choice was set aside ('' for a first visit). */
  get #renew(): string {
    return renewReason(this.#consent?.store?.voided ?? null);
  }

  // ---- rendering ---------------------------------------------------------------------

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    if (!this.#consent?.store) return;
    if (this.bannerOpen || this.view || this.#reloadOffered) this.#style();
    const root = this.renderRoot as ShadowRoot;
    if (this.#dialogSlot.parentNode !== root) root.append(this.#dialogSlot, this.#status.node);
    this.#paintBanner();
    this.#room.follow(this.#banner?.node, parseOneOf('position', this.position ?? null, POSITIONS, 'bottom', this.#warn));
    if (this.#dialogs || this.#placeholders) this.#texts.ready(this.#dialogFiles());
    this.#placeholders?.placehold(document, this.#blocked, this.#texts.t(this.#dialogFiles()), this.#language.lang, this);
    if (this.#dialogs) {
      this.#dialogs.render(this.view, this.#reopen);
      this.#reopen = false;
      if (this.#reloadOffered) this.#views!.offerReload(this.#status.node, this.#dialogHost!);
    }
    // The page hears of a dialog once it is drawn (or gone).
    const drawn = this.#drawn;
    if (drawn !== this.view) {
      this.#drawn = this.view;
      if (drawn) emit(this, 'consent-hide', { view: drawn });
      if (this.view) emit(this, 'consent-show', { view: this.view });
    }
    const next = this.#focusNext;
    if (next === undefined) return;
    this.#focusNext = undefined;
    // The opener, if it is still there; else where the visitor came from; else the status.
    for (const target of [next, this.#cameFrom, this.#status.node]) {
      if (!target?.isConnected || target.closest('[hidden]')) continue;
      target.focus();
      if (root.activeElement === target || document.activeElement === target) break;
    }
  }

  /** The first layer: built when it opens (or when its language or message changes), else only shown or hidden. */
  #paintBanner(): void {
    const lang = this.#language.lang;
    const renew = this.#renew;
    const key = bannerKey(lang, renew, this.#consent!.ctx.gpc);
    // A banner the page already holds in a declarative shadow root (server rendering, the
    // instant snippet) is taken as drawn, node for node, from what it says it was drawn
    // from: kept when that is what to show, else replaced or taken away like any other.
    const instant = (this.renderRoot as ShadowRoot).querySelector<HTMLElement>('[data-instant]');
    if (instant) {
      this.#banner = { node: wireBanner(instant, this, this.#intent), key: instant.dataset.instant! };
      instant.removeAttribute('data-instant');
    }
    const files = this.#bannerFiles();
    // A banner drawn for this key stays as it is: no text file needed to keep it.
    if (!this.bannerOpen || (this.#banner?.key !== key && !this.#texts.ready(files))) {
      this.#banner?.node.remove();
      this.#banner = undefined;
      return;
    }
    if (this.#banner?.key !== key) {
      const root = this.renderRoot as ShadowRoot;
      const focused = root.activeElement?.getAttribute('part');
      const { ctx, config } = this.#consent!;
      const node = wireBanner(drawBanner({ lang, t: this.#texts.t(files), renew, gpc: ctx.gpc, policyUrl: config.policyUrl }, h), this, this.#intent);
      if (this.#banner) this.#banner.node.replaceWith(node);
      else root.insertBefore(node, root.firstChild);
      this.#banner = { node, key };
      if (focused) node.querySelector<HTMLElement>(`[part="${focused}"]`)?.focus();
    }
    // Under an open dialog the banner waits out of sight (it would only sit behind the backdrop).
    this.#banner.node.hidden = this.view !== null;
  }
}

export const tagName = TAG;

declare global {
  interface HTMLElementTagNameMap {
    'piekritu-consent': PiekrituConsent;
  }
}
