/**
 * The chrome the demo's pages share (the brand, the list of scenarios, the footer with the
 * settings and policy links), written once: a page marks where each goes with
 * `<!-- demo:header -->`, `<!-- demo:scenarios -->`, `<!-- demo:footer -->` or, in a header
 * or footer of its own, `<!-- demo:brand -->` and `<!-- demo:privacy -->`; `demo/serve.mjs`
 * and `demo/csp.mjs` put it in, the current page's scenario marked `aria-current`.
 */
const PARTS = {
  brand: `    <a class="brand" href="/demo/" aria-label="Ankravs Inc. — sākumlapa">
      <svg class="brand-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <path d="M9 23 L16 8 L23 23 M12 17.5 H20" fill="none" stroke="var(--surface)" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <span class="brand-name">Ankravs Inc.</span>
    </a>`,
  privacy: `    <nav aria-label="Privātums">
      <ul class="footer-links">
        <li><a href="#" data-piekritu-open="preferences">Sīkdatņu iestatījumi</a></li>
        <li><a href="#" data-piekritu-open="policy">Privātuma politika</a></li>
      </ul>
    </nav>`,
  header: `    <header class="site-header">
      <div class="wrap header-inner">
        <!-- demo:brand -->
      </div>
    </header>`,
  scenarios: `    <nav class="scenario-nav" aria-labelledby="scenario-label" lang="lv">
      <div class="wrap scenario-inner">
        <p class="scenario-label" id="scenario-label">Demo scenāriji:</p>
        <ul class="scenario-list">
          <li><a href="/demo/">Pamata <span lang="en">basic</span></a></li>
          <li><a href="/demo/consent-mode.html">Google Consent Mode</a></li>
          <li><a href="/demo/signals.html">Clarity, UET, Meta, Matomo</a></li>
          <li><a href="/demo/spa.html">Vienas lapas lietotne <span lang="en">SPA</span></a></li>
          <li><a href="/demo/csp.html">Stingra CSP <span lang="en">strict CSP</span></a></li>
          <li><a href="/demo/own-policy.html">Sava politika <span lang="en">own policy</span></a></li>
          <li><a href="/demo/themed.html">Tēma <span lang="en">themed</span></a></li>
        </ul>
      </div>
    </nav>`,
  footer: `    <footer class="site-footer">
      <div class="wrap footer-inner">
        <div>
          <h2 class="footer-title">SIA „Ankravs Inc.”</h2>
          <p class="footer-note">Demonstrācijas lapa sīkdatņu joslai „piekritu”; saturs ir ilustratīvs.</p>
        </div>
        <!-- demo:privacy -->
      </div>
    </footer>`,
};

/** A marker alone on its line; a name the chrome does not have is an error, not a page without it. */
const MARKER = /^( *)<!-- demo:([a-z-]+) -->\r?$/gm;

/** `html` with its chrome markers filled in (a part's own markers too); `pathname` marks the current scenario. */
export function withChrome(html, pathname) {
  const current = pathname.replace(/\/index\.html$/, '/');
  return html.replace(MARKER, (marker, indent, name) => {
    if (!Object.hasOwn(PARTS, name)) throw new Error(`demo/chrome.mjs: no part "${name}" (${Object.keys(PARTS).join(', ')})`);
    const part = withChrome(PARTS[name], pathname).replace(/^ {4}/gm, indent);
    return name === 'scenarios' ? part.replace(`<a href="${current}">`, `<a href="${current}" aria-current="page">`) : part;
  });
}
