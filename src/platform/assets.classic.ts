/**
 * The classic script fetches its text files from `locales/` beside itself, resolved while
 * it runs (`currentScript` is only set now). The build rewrites the path for `dist/`.
 * It also finds its later parts from here (`../piekritu-runtime.min.js`): one computation
 * of the script URL, not two.
 */
import { fetchJson } from './fetch-json.js';

export const LOCALES_BASE = new URL('../../locales/', import.meta.url).href;

/** A text file (`en.banner`, `policy/ru`) from `locales-src` or beside the script; `null` (with a warning) when it cannot be had. */
export const loadText = (name: string, localesSrc: string): Promise<unknown> => fetchJson(`${localesSrc || LOCALES_BASE}${name}.json`);
