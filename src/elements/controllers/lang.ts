/**
 * Follows the language the element should speak: its own `lang`, the nearest `[lang]`
 * ancestor, `<html lang>`. A change to any of them at runtime re-renders.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { resolveLang, type Lang } from '../../core/locale.js';

export class LangController implements ReactiveController {
  lang: Lang = 'lv';
  private observer: MutationObserver | undefined;

  /** `warn` reports an unsupported `lang` on the element (the host says each message once). */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly warn: (message: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.lang = this.resolve();
    this.observer = new MutationObserver(() => {
      const lang = this.resolve();
      if (lang !== this.lang) {
        this.lang = lang;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host.ownerDocument.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  private resolve(): Lang {
    const own = this.host.getAttribute('lang');
    const ancestor = this.host.parentElement?.closest('[lang]')?.getAttribute('lang');
    return resolveLang(own, [ancestor, this.host.ownerDocument.documentElement.getAttribute('lang')], this.warn);
  }
}
