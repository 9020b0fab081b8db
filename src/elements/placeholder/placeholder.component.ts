import { tokens } from '../tokens.styles.js';
import { styles } from './placeholder.styles.js';

/**
 * `<piekritu-placeholder>`: a box in a blocked embed's place that says which category it
 * needs and grants just that one with a click. A custom element with its own shadow root,
 * so page styles neither break it nor leak out of it. Made and filled by `placehold()`.
 *
 * @summary Stands in for an embed until its category is granted.
 * @tagname piekritu-placeholder
 * @csspart allow-button - "Atļaut" (grants the embed's category).
 */
export class PiekrituPlaceholder extends HTMLElement {
  /** The embed this box stands in for. */
  embed: HTMLElement | undefined;
  readonly #text = document.createElement('p');
  readonly #allow = document.createElement('button');
  #onAllow: (() => void) | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [tokens, styles].map((sheet) => sheet.styleSheet!).filter(Boolean);
    this.#allow.setAttribute('part', 'allow-button');
    this.#allow.addEventListener('click', () => this.#onAllow?.());
    root.append(this.#text, this.#allow);
  }

  /** Say why the embed waits, and offer to allow it. Nodes stay (focus stays on the button). */
  show(text: string, allow: string, onAllow: () => void): void {
    if (this.#text.textContent !== text) this.#text.textContent = text;
    if (this.#allow.textContent !== allow) this.#allow.textContent = allow;
    this.#onAllow = onAllow;
  }
}

export const tagName = 'piekritu-placeholder';

declare global {
  interface HTMLElementTagNameMap {
    'piekritu-placeholder': PiekrituPlaceholder;
  }
}
