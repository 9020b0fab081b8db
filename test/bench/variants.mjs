/**
 * Variants of the piekritu bench page, made from `pages/piekritu.html` when requested so
 * that each differs from it in one thing only:
 *
 *   /bench/piekritu-en.html, -ru.html   `<html lang="en">` / `ru`: the element picks the
 *                                       language from it, and the page preloads that
 *                                       language's banner texts as the README's script-tag
 *                                       install says; `?render=snippet` draws the snippet in
 *                                       that language instead (demo/render.mjs), which needs
 *                                       no text file
 *   /bench/consent-none.html            the instant snippet, no Consent Mode default
 *   /bench/consent-stub.html            the instant snippet with `consent-mode`: its inline
 *                                       stub pushes the default, synchronously, in <head>
 *   /bench/consent-external.html        the old way: the same stub as a synchronous
 *                                       external script (/bench/stub.js), same data-*
 *   /bench/snippet-no-script.html       the instant snippet without the script: the
 *                                       banner as the page brings it, never hydrated
 *   /bench/snippet-after-frame.html     the instant snippet whose script an inline script
 *                                       inserts after the banner's first frame: a reference
 *                                       for instant-script.mjs, not an install we ship
 *
 * The three consent pages carry, right after the element, an inline stand-in for a tag
 * manager that records whether the default was already on `dataLayer` (`__tagSawDefault`).
 * Every page is served as `demo/serve.mjs` serves files: uncompressed, `no-store`.
 */
import { readFile } from 'node:fs/promises';
import { renderPage } from '../../demo/render.mjs';

const SOURCE = new URL('pages/piekritu.html', import.meta.url);
const ELEMENT = '<piekritu-consent revision="1"></piekritu-consent>';
const SCRIPT = '<script src="/dist/piekritu.min.js" defer></script>';
const TAG = `<script>window.__tagSawDefault = (window.dataLayer || []).some(function (e) { return e[0] === 'consent' && e[1] === 'default'; });</script>`;
/** The stub as `renderHead` writes it: `<script data-cookie=… …>code</script>`. */
const INLINE_STUB = /<script((?:\s+data-[a-z-]+(?:="[^"]*")?)+)>[\s\S]*?<\/script>/;

/** `text` with `find` replaced once; a page that no longer has it is a bench bug, not a finding. */
function replaceOnce(text, find, replacement, what) {
  const found = typeof find === 'string' ? text.includes(find) : find.test(text);
  if (!found) throw new Error(`bench variant: ${what} not found in pages/piekritu.html's rendering`);
  return text.replace(find, typeof replacement === 'function' ? replacement : () => replacement);
}

const VARIANTS = {
  'piekritu-en': { lang: 'en' },
  'piekritu-ru': { lang: 'ru' },
  'consent-none': { render: 'snippet', consent: false },
  'consent-stub': { render: 'snippet', consent: true },
  'consent-external': { render: 'snippet', consent: true, external: true },
  'snippet-no-script': { render: 'snippet', script: '' },
  'snippet-after-frame': {
    render: 'snippet',
    script: `<script>requestAnimationFrame(function () { setTimeout(function () { var s = document.createElement('script'); s.src = '/dist/piekritu.min.js'; document.head.append(s); }); });</script>`,
  },
};

export const variantPath = (id) => `/bench/${id}.html`;

async function page(variant, url, cookieHeader) {
  let html = await readFile(SOURCE, 'utf8');
  if (variant.lang) html = replaceOnce(html, '<html lang="lv">', `<html lang="${variant.lang}">`, '<html lang="lv">');
  if (variant.consent !== undefined) {
    const element = variant.consent ? ELEMENT.replace('revision="1"', 'revision="1" consent-mode') : ELEMENT;
    html = replaceOnce(html, ELEMENT, `${element}\n    ${TAG}`, 'the element');
  }
  const render = variant.render ?? url.searchParams.get('render');
  if (render) html = await renderPage(html, { render, url, cookieHeader });
  else if (variant.lang) {
    const preload = `<link rel="preload" href="/dist/locales/${variant.lang}.banner.json" as="fetch" crossorigin />`;
    html = replaceOnce(html, SCRIPT, `${preload}\n    ${SCRIPT}`, 'the script tag');
  }
  if (variant.script !== undefined) html = replaceOnce(html, SCRIPT, variant.script, 'the script tag');
  if (variant.external) html = replaceOnce(html, INLINE_STUB, (_, data) => `<script${data} src="/bench/stub.js"></script>`, 'the inline stub');
  return html;
}

/** Handlers for `serve({ handlers })`: the variant pages and the external stub. */
export function variantHandlers() {
  const send = (request, response, type, body) => {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const fail = (response, error) => {
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(error.message);
  };
  const handlers = {
    '/bench/stub.js': async (request, response) => {
      try {
        const { STUB } = await import('../../dist/ssr.js');
        send(request, response, 'text/javascript; charset=utf-8', STUB);
      } catch (error) {
        fail(response, error);
      }
    },
  };
  for (const [id, variant] of Object.entries(VARIANTS)) {
    handlers[variantPath(id)] = async (request, response, url) => {
      try {
        send(request, response, 'text/html; charset=utf-8', await page(variant, url, request.headers.cookie));
      } catch (error) {
        fail(response, error);
      }
    };
  }
  return handlers;
}
