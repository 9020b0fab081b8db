/**
 * What opens a view from the page: any element with `data-piekritu-open` (clicks anywhere
 * in the document), and a link straight to a view (`…#piekritu-policy`, `…#piekritu-preferences`).
 */
import type { ConsentView } from '../events.js';

export class OpenerController {
  constructor(private readonly show: (view: ConsentView) => unknown) {}

  start(): void {
    document.addEventListener('click', this.#onClick);
    const linked = /^#piekritu-(policy|preferences)$/.exec(location.hash);
    if (linked) void this.show(linked[1] as ConsentView);
  }

  stop(): void {
    document.removeEventListener('click', this.#onClick);
  }

  readonly #onClick = (event: MouseEvent): void => {
    const opener = (event.target as Element | null)?.closest?.('[data-piekritu-open]');
    if (!opener) return;
    event.preventDefault();
    (opener as HTMLElement).focus();
    void this.show((opener.getAttribute('data-piekritu-open') || 'preferences') as ConsentView);
  };
}
