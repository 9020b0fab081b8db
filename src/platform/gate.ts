/**
 * Declarative gating: `<script type="text/plain" data-consent>` and
 * `<iframe|img|video|audio data-consent data-src>` come alive once their categories are
 * granted — each exactly once per page load, scripts in document order, external ones
 * one after another, including elements the parser or a single-page app adds later.
 *
 * What has been activated is marked in the DOM (`data-consent-activated`), not in memory,
 * so an element that is removed and added again never runs anything twice. A script that
 * left the DOM while it waited for its turn loses the mark, and runs when it comes back.
 *
 * Work comes in batches: one pass over the document per decision or per burst of DOM
 * mutations (the observer's records arrive together), never one per activated script —
 * the scripts the gate puts in place are no news to it.
 */
import { requiredBy } from '../core/gating.js';
import { trustedTypesPolicy } from './trusted-types.js';

export const ACTIVATED = 'data-consent-activated';
const PENDING = `[data-consent]:not([${ACTIVATED}])`;
const MEDIA = 'iframe,img,video,audio';

export interface GateHooks {
  /** Is every listed category granted now? */
  allows(required: string[]): boolean;
  /** After each pass: the embeds that stay blocked for now (placeholders hook in here). */
  blocked?(elements: HTMLElement[]): void;
}

/** Attributes that belong to the placeholder, not to the script it becomes (`src` is set through the policy). */
const PLACEHOLDER_ONLY = new Set(['type', 'data-type', 'data-src', 'src', 'data-consent', 'nonce']);

/** Does an added node hold anything still waiting for consent? (The gate's own scripts never do.) */
const bringsWork = (node: Node): boolean =>
  node instanceof Element && (node.matches(PENDING) || node.querySelector(PENDING) !== null);

export class Gate {
  /** Created on first use: a page with no gated script needs no policy. */
  private policy: ReturnType<typeof trustedTypesPolicy> | undefined;
  /** Scripts granted and waiting for their turn, in document order; `next` is the one whose turn it is. */
  private waiting: HTMLScriptElement[] = [];
  private next = 0;
  private observer: MutationObserver | undefined;

  constructor(
    private readonly root: Document,
    private readonly hooks: GateHooks,
  ) {}

  /** Apply now, and to everything added from now on. */
  start(): void {
    this.apply();
    this.observer ??= new MutationObserver((records) => {
      if (records.some((record) => Array.from(record.addedNodes).some(bringsWork))) this.apply();
    });
    this.observer.observe(this.root.documentElement, { childList: true, subtree: true });
  }

  stop(): void {
    this.observer?.disconnect();
  }

  /**
   * Look at every gated element again, e.g. after a decision, in one pass: what is granted
   * now runs or loads; embeds of a withdrawn category stop loading from their source at once
   * (a script that ran cannot be unrun: that takes a reload) and wait again with the others.
   */
  apply(): void {
    const blocked: HTMLElement[] = [];
    for (const element of this.root.querySelectorAll<HTMLElement>('[data-consent]')) {
      const media = element.matches(MEDIA);
      const activated = element.hasAttribute(ACTIVATED);
      // A script waiting for its turn is the queue's; one that ran no longer has data-consent.
      if (!media && (activated || !(element instanceof HTMLScriptElement))) continue;
      if (!this.hooks.allows(requiredBy(element.getAttribute('data-consent')))) {
        if (!media) continue;
        if (activated) this.sleep(element);
        blocked.push(element);
      } else if (!activated) {
        element.setAttribute(ACTIVATED, '');
        if (media) this.load(element);
        else this.enqueue(element as HTMLScriptElement);
      }
    }
    this.hooks.blocked?.(blocked);
  }

  /** An embed put back to sleep: no source, as before consent. */
  private sleep(element: HTMLElement): void {
    element.removeAttribute(ACTIVATED);
    for (const node of [element, ...element.querySelectorAll('source[data-src]')]) {
      node.removeAttribute('src');
      node.removeAttribute('srcset');
    }
    if (element.localName === 'video' || element.localName === 'audio') (element as HTMLMediaElement).load();
  }

  /** After the pass (a microtask later), the scripts it granted run. */
  private enqueue(placeholder: HTMLScriptElement): void {
    if (this.waiting.push(placeholder) === 1) queueMicrotask(() => void this.drain());
  }

  /** One script after the other: inline ones at once, an external one's turn ends when it has loaded. */
  private async drain(): Promise<void> {
    for (; this.next < this.waiting.length; this.next += 1) {
      try {
        const loading = this.run(this.waiting[this.next]);
        if (loading) await loading;
      } catch (error) {
        // One script that cannot be made (a page policy refusing it) does not hold up the rest.
        console.warn('piekritu: a gated script could not run.', error);
      }
    }
    this.waiting = [];
    this.next = 0;
  }

  /** Replace the inert placeholder with a real script; for an external one, resolves when it has loaded. */
  private run(placeholder: HTMLScriptElement): Promise<void> | undefined {
    // Taken out while it waited: unmarked, so the observer queues it again if it comes back.
    if (!placeholder.isConnected) {
      placeholder.removeAttribute(ACTIVATED);
      return undefined;
    }
    const script = this.root.createElement('script');
    for (const { name, value } of Array.from(placeholder.attributes)) {
      if (!PLACEHOLDER_ONLY.has(name)) script.setAttribute(name, value);
    }
    const type = placeholder.getAttribute('data-type');
    if (type) script.type = type;
    // The nonce attribute is hidden from getAttribute once parsed; the property keeps it.
    if (placeholder.nonce) script.nonce = placeholder.nonce;
    script.setAttribute(ACTIVATED, placeholder.getAttribute('data-consent') ?? '');

    const src = placeholder.getAttribute('data-src') ?? placeholder.getAttribute('src');
    const policy = (this.policy ??= trustedTypesPolicy('piekritu-gate'));
    if (!src) {
      script.text = policy.createScript(placeholder.text);
      placeholder.replaceWith(script);
      return undefined;
    }
    script.async = false;
    const loaded = new Promise<void>((resolve) => (script.onload = script.onerror = () => resolve()));
    script.src = policy.createScriptURL(src);
    placeholder.replaceWith(script);
    return loaded;
  }

  private load(element: HTMLElement): void {
    const sources = element.querySelectorAll('source[data-src]');
    for (const source of sources) source.setAttribute('src', source.getAttribute('data-src') ?? '');
    const srcset = element.getAttribute('data-srcset');
    if (srcset) element.setAttribute('srcset', srcset);
    const src = element.getAttribute('data-src');
    if (src) element.setAttribute('src', src);
    else if (sources.length > 0) (element as HTMLMediaElement).load?.();
  }
}
