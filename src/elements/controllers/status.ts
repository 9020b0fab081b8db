/** The "choice saved" announcement: a `role="status"` region that empties itself after a while. */
import { h } from '../consent/banner.js';

const STATUS_MS = 5000;

export class StatusController {
  /** Focusable from script only: where focus waits when the control that had it is gone. */
  /** The announcement is the region's first node; a reload offer may follow it. */
  readonly node = h('div', { part: 'status', class: 'status', role: 'status', tabindex: '-1' }, '');
  #timer: ReturnType<typeof setTimeout> | undefined;

  announce(text: string, lang: string): void {
    this.node.lang = lang;
    this.#say(text);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#say(''), STATUS_MS);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#say('');
  }

  #say(text: string): void {
    (this.node.firstChild as Text).data = text;
  }
}
