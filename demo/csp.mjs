/**
 * The strict-CSP demo page: demo/csp.html served with a fresh nonce per response and the
 * Content-Security-Policy a site needs for piekritu. Used by `npm start` and the e2e tests.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { withChrome } from './chrome.mjs';
import { renderPage } from './render.mjs';

const PAGE = new URL('./csp.html', import.meta.url);

/** The Trusted Types policies piekritu creates (lit-html's is the dialogs' template engine). */
export const TRUSTED_TYPES_POLICIES = ['piekritu', 'piekritu-gate', 'lit-html'];

/**
 * With the banner in the page (`?render=`, piekritu/ssr), its shadow root's `<style>` is an
 * inline style: allowed by the nonce (`style-src 'nonce-…'`), or with `hashes` (piekritu/ssr's
 * `CSP_HASHES`) the stub and the style by their hashes instead.
 */
export const contentSecurityPolicy = (nonce, { rendered = false, hashes } = {}) =>
  [
    `script-src 'self' 'nonce-${nonce}'${hashes ? ` '${hashes.script}'` : ''}`,
    `style-src 'self'${hashes ? ` '${hashes.style}'` : rendered ? ` 'nonce-${nonce}'` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
  ].join('; ');

/**
 * A request handler for the page. `extra(url)` may return markup to put before `</body>`
 * (tests add fixtures that way); `{{nonce}}` in it is replaced too.
 */
export function cspPage({ extra = () => '' } = {}) {
  return async (req, res, url) => {
    const nonce = randomBytes(16).toString('base64');
    const page = withChrome(await readFile(PAGE, 'utf8'), url.pathname).replace('</body>', `${extra(url)}</body>`).replaceAll('{{nonce}}', nonce);
    // ?render=ssr|snippet (demo/render.mjs): the stub and the shadow root's style carry the
    // nonce, or with &csp=hash none, allowed by their hashes instead.
    const render = url.searchParams.get('render');
    const byHash = render !== null && url.searchParams.get('csp') === 'hash';
    const html = await renderPage(page, { render, url, cookieHeader: req.headers.cookie, nonce: byHash ? undefined : nonce });
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy(nonce, {
        rendered: html !== page,
        hashes: byHash ? (await import('../dist/ssr.js')).CSP_HASHES : undefined,
      }),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
}
