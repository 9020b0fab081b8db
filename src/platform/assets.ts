/**
 * The package's own text files, loaded when needed. In the ES module build each is a
 * module of its own behind a literal `import()`: every bundler (Vite in a build and on its
 * dev server, webpack, Rollup, esbuild, Parcel) and a browser without one sees each file,
 * emits it as a chunk and loads it with the app's other chunks, with no plugin, nothing
 * copied by hand, and nothing inlined into the app's entry. Latvian banner and dialog texts
 * are bundled, so they are not listed. The classic build swaps this file for
 * assets.classic.ts.
 */
import { fetchJson } from './fetch-json.js';

type Module = Promise<{ default: unknown }>;

const FILES: Record<string, () => Module> = {
  'en.banner': () => import('../../locales/en.banner.json'),
  'ru.banner': () => import('../../locales/ru.banner.json'),
  'lv.renew': () => import('../../locales/lv.renew.json'),
  'en.renew': () => import('../../locales/en.renew.json'),
  'ru.renew': () => import('../../locales/ru.renew.json'),
  'en.dialogs': () => import('../../locales/en.dialogs.json'),
  'ru.dialogs': () => import('../../locales/ru.dialogs.json'),
  'policy/lv': () => import('../../locales/policy/lv.json'),
  'policy/en': () => import('../../locales/policy/en.json'),
  'policy/ru': () => import('../../locales/policy/ru.json'),
};

/**
 * A text file (`en.banner`, `policy/ru`): the site's own from `locales-src` (a folder URL
 * ending in `/`), else the package's. `null`, with a warning, when it cannot be had.
 */
export const loadText = (name: string, localesSrc: string): Promise<unknown> =>
  localesSrc ? fetchJson(`${localesSrc}${name}.json`) : packagedText(name);

async function packagedText(name: string): Promise<unknown> {
  try {
    return (await FILES[name]()).default;
  } catch (error) {
    console.warn(`piekritu: the ${name} texts did not load (${String(error)}); check locales-src.`);
    return null;
  }
}
