/**
 * Where the files beside the script live (the policy texts). Resolved from the script's
 * own URL, never a fixed host. The build rewrites this path for the layout of `dist/`.
 * The classic script also finds its later parts from it (`../piekritu-runtime.min.js`):
 * one computation of the script URL, not two.
 */
export const LOCALES_BASE = new URL('../../locales/', import.meta.url).href;
