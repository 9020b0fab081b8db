/** The "choice saved" announcement: a `role="status"` region that empties itself after a while. */
import { h } from '../consent/banner.js';

const STATUS_MS = 5000;

export class StatusController {
  /** Focusable from script only: where focus waits when the control that had it is gone. */
  readonly node = h('div', { part: 'status', class: 'status', role: 'status', tabindex: '-1' });
  #timer: ReturnType<typeof setTimeout> | undefined;

  announce(text: string, lang: string): void {
    this.node.lang = lang;
    this.node.textContent = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.node.textContent = ''), STATUS_MS);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.node.textContent = '';
  }
}
