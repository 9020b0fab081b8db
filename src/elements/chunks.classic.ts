/**
 * The classic script cannot `import()` ES chunks, so its later parts ship as scripts
 * beside it (`piekritu-runtime.min.js`, `piekritu-views.min.js`,
 * `piekritu-placeholders.min.js`) that hand their exports back through a private global.
 */
import type { Placeholders, Runtime, Views } from './chunks.js';
import { trustedTypesPolicy } from '../platform/trusted-types.js';
import { LOCALES_BASE } from '../platform/assets.classic.js';

type Chunks = { runtime: Runtime; views: Views; placeholders: Placeholders };
type Name = keyof Chunks;
type Shared = Partial<Chunks> & { loading?: Partial<Record<Name, Promise<unknown>>> };

/** Read while this script runs: `currentScript` is only set now. */
const NONCE = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
/** Made on the first load, not while the banner is waiting to show. */
let policy: ReturnType<typeof trustedTypesPolicy> | undefined;

function load<N extends Name>(name: N): Promise<NonNullable<Shared[N]>> {
  const shared: Shared = ((window as unknown as { __piekritu?: Shared }).__piekritu ??= {});
  const loading = (shared.loading ??= {});
  return (loading[name] ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const src = new URL(`../piekritu-${name}.min.js`, LOCALES_BASE).href;
    if (NONCE) script.nonce = NONCE;
    script.onload = () => (shared[name] ? resolve(shared[name]) : reject(new Error(`${src} loaded but did not register`)));
    script.onerror = () => {
      loading[name] = undefined;
      reject(new Error(`${src} did not load`));
    };
    script.src = (policy ??= trustedTypesPolicy('piekritu')).createScriptURL(src);
    document.head.append(script);
  })) as Promise<NonNullable<Shared[N]>>;
}

export const loadRuntime = (): Promise<Runtime> => load('runtime');
export const loadViews = (): Promise<Views> => load('views');
export const loadPlaceholders = (): Promise<Placeholders> => load('placeholders');
