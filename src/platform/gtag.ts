/** The bridge to Google Consent Mode: commands go onto `window.dataLayer` as gtag puts them. */
import { defaultCommand, signalsFor, type DefaultOptions } from '../core/consent-mode.js';
import type { Categories } from '../core/consent.js';

type Layer = { push(...items: unknown[]): unknown };

function layerOf(win: Window): Layer {
  const holder = win as unknown as { dataLayer?: unknown };
  const layer = holder.dataLayer as Layer | undefined;
  if (layer && typeof layer.push === 'function') return layer;
  if (layer !== undefined) console.warn('piekritu: window.dataLayer is not an array; replacing it for Consent Mode.');
  const fresh: unknown[] = [];
  holder.dataLayer = fresh;
  return fresh;
}

/** gtag pushes its `arguments` object, not an array; Google's tags look for exactly that. */
function gtagOf(layer: Layer): (...args: unknown[]) => void {
  return function gtag() {
    try {
      // eslint-disable-next-line prefer-rest-params
      layer.push(arguments);
    } catch {
      // A broken tag manager must not stop the banner: Google's tags just do not hear it.
    }
  } as (...args: unknown[]) => void;
}

/** Pushed once per dataLayer, however many elements or script copies ask. */
const defaulted = new WeakSet<object>();

export function consentDefault(win: Window, options: DefaultOptions): void {
  const layer = layerOf(win);
  // `piekritu` on the layer: the page's `<head>` stub (piekritu/ssr) pushed the default already, before any tag.
  if (defaulted.has(layer) || (layer as { piekritu?: unknown }).piekritu) return;
  defaulted.add(layer);
  gtagOf(layer)('consent', 'default', defaultCommand(options));
}

export function consentUpdate(win: Window, categories: Categories): void {
  gtagOf(layerOf(win))('consent', 'update', signalsFor(categories));
}
