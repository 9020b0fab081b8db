import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withChrome } from '../../demo/chrome.mjs';

const DEMO = new URL('../../demo/', import.meta.url);
const pages = readdirSync(DEMO).filter((name) => name.endsWith('.html') && readFileSync(new URL(name, DEMO), 'utf8').includes('<!-- demo:'));

describe('the demo pages’ shared chrome', () => {
  it('is used by the scenario pages', () => {
    expect(pages.sort()).toEqual(['consent-mode.html', 'csp.html', 'index.html', 'own-policy.html', 'signals.html', 'spa.html']);
  });

  it.each(pages)('%s: every marker filled, its own scenario (if listed) the current one, the privacy links once', (name) => {
    const path = name === 'index.html' ? '/demo/' : `/demo/${name}`;
    const html = withChrome(readFileSync(new URL(name, DEMO), 'utf8'), path);
    expect(html).not.toContain('<!-- demo:');
    expect(html.match(/<nav aria-label="Privātums">/g)).toHaveLength(1);
    const current = html.match(/<a href="([^"]+)" aria-current="page">/g) ?? [];
    if (html.includes('class="scenario-nav"')) expect(current).toEqual([`<a href="${path}" aria-current="page">`]);
    else expect(current).toEqual([]);
  });

  it('/demo/index.html marks the basic scenario as /demo/ does', () => {
    const html = withChrome('    <!-- demo:scenarios -->', '/demo/index.html');
    expect(html).toContain('<a href="/demo/" aria-current="page">');
  });

  it('refuses a marker it has no part for, instead of leaving the page without it', () => {
    expect(() => withChrome('    <!-- demo:footr -->', '/demo/')).toThrow(/no part "footr"/);
  });
});
