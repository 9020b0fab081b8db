/**
 * Declarative gating: `<script type="text/plain" data-consent>` and
 * `<iframe|img|video|audio data-consent data-src>` come alive once their categories are
 * granted — each exactly once per page load, scripts in document order, external ones
 * one after another, including elements the parser or a single-page app adds later.
 */
import { requiredBy } from '../core/gating.js';

export const GATED = '[data-consent]';
const MEDIA = new Set(['IFRAME', 'IMG', 'VIDEO', 'AUDIO']);

export interface GateHooks {
  /** Is every listed category granted now? */
  allows(required: string[]): boolean;
  /** A gated element that stays blocked for now (placeholders hook in here). */
  blocked?(element: HTMLElement, required: string[]): void;
  /** A gated element that has just been activated. */
  activated?(element: HTMLElement): void;
}

/** Attributes that belong to the placeholder, not to the script it becomes. */
const PLACEHOLDER_ONLY = new Set(['type', 'data-type', 'data-src', 'data-consent', 'nonce']);

export class Gate {
  /** Activated placeholders, and the scripts made from them: never again this page load. */
  private readonly done = new WeakSet<Element>();
  private queue: Promise<void> = Promise.resolve();
  private observer: MutationObserver | undefined;

  constructor(
    private readonly root: Document,
    private readonly hooks: GateHooks,
  ) {}

  /** Apply now, and to everything added from now on. */
  start(): void {
    this.apply();
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      if (records.some((record) => record.addedNodes.length > 0)) this.apply();
    });
    this.observer.observe(this.root.documentElement, { childList: true, subtree: true });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Look at every gated element again, e.g. after a decision. */
  apply(): void {
    for (const element of this.root.querySelectorAll<HTMLElement>(GATED)) {
      if (this.done.has(element)) continue;
      const required = requiredBy(element.getAttribute('data-consent'));
      if (!this.hooks.allows(required)) {
        this.hooks.blocked?.(element, required);
        continue;
      }
      this.done.add(element);
      if (element instanceof HTMLScriptElement) this.enqueue(element);
      else if (MEDIA.has(element.tagName)) this.load(element);
    }
  }

  private enqueue(placeholder: HTMLScriptElement): void {
    this.queue = this.queue.then(() => this.run(placeholder));
  }

  /** Replace the inert placeholder with a real script; resolves when it has run. */
  private run(placeholder: HTMLScriptElement): Promise<void> {
    if (!placeholder.isConnected) return Promise.resolve();
    const script = this.root.createElement('script');
    for (const { name, value } of Array.from(placeholder.attributes)) {
      if (!PLACEHOLDER_ONLY.has(name)) script.setAttribute(name, value);
    }
    const type = placeholder.getAttribute('data-type');
    if (type) script.type = type;
    // The nonce attribute is hidden from getAttribute once parsed; the property keeps it.
    if (placeholder.nonce) script.nonce = placeholder.nonce;
    script.setAttribute('data-consent-activated', placeholder.getAttribute('data-consent') ?? '');
    this.done.add(script);

    const src = placeholder.getAttribute('data-src') ?? placeholder.getAttribute('src');
    const done = new Promise<void>((resolve) => {
      if (src) {
        script.async = false;
        script.addEventListener('load', () => resolve(), { once: true });
        script.addEventListener('error', () => resolve(), { once: true });
        script.src = src;
      } else {
        script.text = placeholder.text;
        resolve();
      }
    });
    placeholder.replaceWith(script);
    this.hooks.activated?.(script);
    return done;
  }

  private load(element: HTMLElement): void {
    const src = element.getAttribute('data-src');
    const sources = element.querySelectorAll('source[data-src]');
    for (const source of sources) source.setAttribute('src', source.getAttribute('data-src') ?? '');
    const srcset = element.getAttribute('data-srcset');
    if (srcset) element.setAttribute('srcset', srcset);
    if (src) element.setAttribute('src', src);
    else if (sources.length > 0 && 'load' in element) (element as HTMLMediaElement).load();
    this.hooks.activated?.(element);
  }
}
