/**
 * The classic script cannot `import()` an ES chunk, so the dialogs ship as
 * `piekritu-views.min.js` beside it: a script that hands its exports back through a
 * private global.
 */
import type { Views } from './views-loader.js';

interface Shared {
  views?: Views;
  loading?: Promise<Views>;
}

/** Resolved while this script runs: `currentScript` is only set now. */
const SRC = new URL('./piekritu-views.min.js', import.meta.url).href;
const NONCE = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

export function loadViews(): Promise<Views> {
  const shared = ((window as unknown as { __piekritu?: Shared }).__piekritu ??= {});
  return (shared.loading ??= new Promise<Views>((resolve, reject) => {
    const script = document.createElement('script');
    if (NONCE) script.nonce = NONCE;
    script.addEventListener('load', () => (shared.views ? resolve(shared.views) : reject(new Error('no views'))));
    script.addEventListener('error', () => {
      shared.loading = undefined;
      reject(new Error(`${SRC} did not load`));
    });
    script.src = SRC;
    document.head.append(script);
  }));
}
