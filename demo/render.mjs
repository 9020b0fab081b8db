/**
 * A page through piekritu/ssr: the demo server (and the tests through it) serve any of its
 * HTML pages this way when asked with `?render=`:
 *
 *   ?render=ssr      the server reads the request's cookie: the banner's markup only for a
 *                    visitor who has not decided, the bare element for one who has
 *   ?render=snippet  the static instant snippet: the banner's markup always, the stub in
 *                    <head> hides it for a visitor who decided
 *
 * The page's own `<piekritu-consent …>` tag gives the attributes (and `<html lang>` the
 * language); `?rev=N` stands for the revision the test pages set by script.
 */
const ssr = () => import('../dist/ssr.js');

export const RENDERS = ['ssr', 'snippet'];

/** The attributes of an HTML start tag's text (`a="b" c`). */
function attributesOf(text) {
  const attributes = {};
  for (const [, name, value] of text.matchAll(/([a-z][a-z0-9-]*)(?:="([^"]*)")?/g)) attributes[name] = value ?? true;
  return attributes;
}

/** `html` as `render` draws it; unchanged when it has no `<piekritu-consent>`. */
export async function renderPage(html, { render, url, cookieHeader = null, nonce } = {}) {
  if (!RENDERS.includes(render)) return html;
  const tag = /<piekritu-consent\b([^>]*)>\s*<\/piekritu-consent>/.exec(html);
  if (!tag) return html;
  const { renderHead, renderElement } = await ssr();
  const attributes = attributesOf(tag[1]);
  const rev = url?.searchParams.get('rev');
  if (rev !== null && rev !== undefined) attributes.revision = rev;
  else attributes.revision ??= '1';
  const lang = /<html[^>]*\blang="([^"]*)"/.exec(html)?.[1];
  const element = renderElement({ lang, attributes, nonce, cookieHeader: render === 'ssr' ? cookieHeader : null });
  const head = renderHead({ attributes, nonce });
  return html
    .replace(tag[0], () => element)
    .replace(/<meta charset="utf-8" \/>|<head>/, (found) => `${found}\n    ${head}`);
}
