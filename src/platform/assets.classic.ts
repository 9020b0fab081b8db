/**
 * The classic script fetches its text files from `locales/` beside itself, resolved while
 * it runs (`currentScript` is only set now). The build rewrites the path for `dist/`.
 */
import { fetchJson } from './fetch-json.js';

const BASE = new URL('../../locales/', import.meta.url).href;

/** The package's copy of a text file (`en.banner`, `policy/ru`); `null` (with a warning) when it cannot be had. */
export const packagedText = (name: string): Promise<unknown> => fetchJson(`${BASE}${name}.json`);
