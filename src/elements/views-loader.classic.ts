/**
 * The classic script cannot `import()` a chunk that needs `lit` by name, so the dialogs
 * ship as `piekritu-views.min.js` beside it: a script that borrows this bundle's Lit
 * through a private global and hands its views back the same way.
 */
import { css, html, nothing } from 'lit';
import type { Views } from './views-loader.js';

interface Shared {
  lit: { css: typeof css; html: typeof html; nothing: typeof nothing };
  views?: Views;
  loading?: Promise<Views>;
}

/** Resolved while this script runs: `currentScript` is only set now. */
const SRC = new URL('./piekritu-views.min.js', import.meta.url).href;
const NONCE = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

export function loadViews(): Promise<Views> {
  const holder = window as unknown as { __piekritu?: Shared };
  const shared = (holder.__piekritu ??= { lit: { css, html, nothing } });
  return (shared.loading ??= new Promise<Views>((resolve, reject) => {
    const script = document.createElement('script');
    script.async = true;
    if (NONCE) script.nonce = NONCE;
    script.addEventListener('load', () => (shared.views ? resolve(shared.views) : reject(new Error('views missing'))));
    script.addEventListener('error', () => {
      shared.loading = undefined;
      reject(new Error(`could not load ${SRC}`));
    });
    script.src = SRC;
    document.head.append(script);
  }));
}
