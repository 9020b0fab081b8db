/**
 * The settings and policy dialogs of one element, rendered from the element's one `view`
 * state: native modal `<dialog>`s drawn by lit-html. What they keep is only what a view
 * needs while open (the switches not yet saved, the policy being read); which view is open,
 * where focus returns and every decision stay with the element.
 */
import { nothing, render } from 'lit';
import { plurals, type Lang } from '../../core/locale.js';
import { dialogStyles } from './dialog.styles.js';
import type { DialogHost, DialogView } from './frame.js';
import { draftOf, preferences, preferencesStyles, type Draft } from './preferences.js';
import { loadPolicy, policyStyles, policyView, printOnlyPolicy, type PolicyState } from './policy.js';

export type { DialogHost, DialogView } from './frame.js';

export class Dialogs {
  /** The view last drawn: a view newly drawn starts from the consent now. */
  #drawn: DialogView | null = null;
  #draft: Draft = { categories: {}, cookies: {} };
  #policy: PolicyState = { status: 'loading' };
  /** The language of the policy on its way. */
  #loading: Lang | undefined;
  #opened: HTMLDialogElement | undefined;

  constructor(
    readonly host: DialogHost,
    readonly slot: HTMLElement,
  ) {
    const sheets = [dialogStyles, preferencesStyles, policyStyles].map((sheet) => sheet.styleSheet!).filter(Boolean);
    host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, ...sheets];
  }

  /** Draw `view` (nothing for `null`); a newly drawn dialog (or any, with `open`) opens as a modal. */
  render(view: DialogView | null, open = false): void {
    // The host's texts, with plural forms chosen for their numbers.
    const { t, lang } = this.host;
    const host: DialogHost = { ...this.host, t: (key, values = {}) => plurals(t(key, values), values, lang) };
    if (view === 'preferences' && this.#drawn !== view) this.#draft = draftOf(host.consent.categories);
    const close = () => host.closed(view!);
    // The policy follows the language; one that failed to load is tried again when the policy opens anew.
    if (view === 'policy') {
      const state = this.#policy;
      if (state.lang !== host.lang || (state.status === 'error' && this.#drawn !== view)) this.#policy = { status: 'loading', lang: host.lang };
      if (this.#policy.status === 'loading') void this.#loadPolicy(host.lang);
    }
    if ((this.#drawn === 'policy') !== (view === 'policy')) printOnlyPolicy(view === 'policy');
    this.#drawn = view;
    render(
      view === 'preferences' ? preferences(host, this.#draft, close) : view === 'policy' ? policyView(host, this.#policy, close) : nothing,
      this.slot,
    );
    const dialog = this.slot.querySelector('dialog');
    if (!dialog || !dialog.isConnected) return;
    // A dialog that left the document (its element moved) is no longer modal: open it anew.
    const moved = dialog.open && !dialog.matches(':modal');
    if (moved) dialog.close();
    // Open when newly drawn, moved or asked to; else a render between Escape and its `close` event would open it again.
    if (!dialog.open && (moved || open || dialog !== this.#opened)) {
      this.#opened = dialog;
      dialog.showModal();
      // Escape. A `close` that comes after the dialog opened again (or another view took its place) is old news.
      dialog.onclose = () => !dialog.open && dialog.isConnected && host.closed(view!);
    }
  }

  async #loadPolicy(lang: Lang): Promise<void> {
    if (this.#loading === lang) return;
    this.#loading = lang;
    // Install and Usage followed to the letter show another company's policy: say so to whoever builds the site.
    if (!this.host.ownPolicy && !/(^|\.)ankravs\.lv$/.test(location.hostname)) {
      console.warn(
        `piekritu: the policy shown is the bundled example of SIA "Ankravs Inc." (ankravs.lv), not this site's: give your own with policy-src (JSON) or policy-url (a page).`,
      );
    }
    const policy = await loadPolicy(lang, this.host.policySrc, this.host.localesSrc);
    if (this.#loading !== lang) return;
    this.#loading = undefined;
    this.#policy = policy ? { status: 'ready', policy, lang } : { status: 'error', lang };
    this.host.refresh();
  }
}
