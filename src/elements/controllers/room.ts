/**
 * WCAG 2.4.11: the page keeps room for the banner, so nothing focused hides behind it.
 * Follows the banner's size and `position` while it shows, and gives the page back what
 * it had when it goes.
 */
import type { Position } from '../../core/config.js';

export class RoomController {
  #kept: { banner: HTMLElement; position: Position; observer: ResizeObserver; side: string; padding: string; scrollPadding: string } | undefined;

  /** Keep room for `banner` at `position`; `undefined` gives it back. */
  follow(banner: HTMLElement | undefined, position: Position): void {
    const kept = this.#kept;
    if (kept?.banner === banner && kept?.position === position) return;
    this.leave();
    if (!banner || typeof ResizeObserver !== 'function') return;
    const root = document.documentElement.style;
    const side = position === 'top' ? 'top' : 'bottom';
    const observer = new ResizeObserver(() => {
      // From the banner's far edge to the window's: the gap under a floating box counts too.
      const box = banner.getBoundingClientRect();
      // Hidden under an open dialog: the room stays as it was (not a whole window of it).
      if (box.height === 0) return;
      const room = `${Math.ceil(side === 'top' ? box.bottom : innerHeight - box.top)}px`;
      root.setProperty(`scroll-padding-${side}`, room);
      // Only a full-width bar takes the page's edge; a corner box leaves it be.
      if (position === 'bottom' || side === 'top') root.setProperty(`padding-${side}`, room);
    });
    observer.observe(banner);
    this.#kept = {
      banner,
      position,
      observer,
      side,
      padding: root.getPropertyValue(`padding-${side}`),
      scrollPadding: root.getPropertyValue(`scroll-padding-${side}`),
    };
  }

  leave(): void {
    const kept = this.#kept;
    if (!kept) return;
    const root = document.documentElement.style;
    kept.observer.disconnect();
    root.setProperty(`padding-${kept.side}`, kept.padding);
    root.setProperty(`scroll-padding-${kept.side}`, kept.scrollPadding);
    this.#kept = undefined;
  }
}
