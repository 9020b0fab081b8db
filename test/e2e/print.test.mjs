/**
 * Printing the policy: with the policy open, the page prints the whole policy and nothing
 * else, in Chromium (playwright-core's `page.pdf()`) and in Firefox (puppeteer-core over
 * WebDriver BiDi, `page.pdf()`). Each PDF is read back with `pdftotext` (poppler-utils).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { program } from '../support/setup.mjs';
import { startHarness } from './support.mjs';

const PAGE = '/test/e2e/pages/basic.html';
const policy = JSON.parse(readFileSync(new URL('../../locales/policy/lv.json', import.meta.url), 'utf8'));
const { path: PDFTOTEXT, skip: NO_PDF } = program('pdf');
const { path: FIREFOX, skip: NO_FIREFOX } = program('firefox');

/** Every text of the policy, in order. */
const texts = policy.sections.flatMap((section) => [
  section.heading,
  ...section.blocks.flatMap((block) => (block.type === 'p' ? [block.text] : block.type === 'ul' ? block.items : [...(block.caption ? [block.caption] : []), ...block.head, ...block.rows.flat()])),
]).filter(Boolean);
/** Words as pdftotext gives them: one space between, no hyphenation marks of lines. */
const words = (text) => text.replace(/\s+/g, ' ').trim();
const start = (text) => words(text).split(' ').slice(0, 6).join(' ');

const folder = mkdtempSync(join(tmpdir(), 'piekritu-print-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function textOf(pdf, name) {
  const file = join(folder, `${name}.pdf`);
  writeFileSync(file, pdf);
  // NFKC: Firefox's PDFs keep ligatures (ﬁ for fi).
  return words(execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFKC'));
}

/** What a printed policy must hold, and must not. */
function checkPrinted(text, engine) {
  assert.ok(text.includes(words(policy.title)), `${engine}: the policy's title is printed`);
  // The first text of the policy and its last: the whole of it, from its start.
  assert.ok(text.includes(start(texts[0])), `${engine}: the policy's first text "${start(texts[0])}" is printed; it starts: ${text.slice(0, 300)}`);
  assert.ok(text.includes(start(texts[1])), `${engine}: the policy's first paragraph is printed`);
  const last = texts.at(-1);
  assert.ok(text.includes(start(last)), `${engine}: the policy's last text "${start(last)}" is printed`);
  // Only the policy: not the page behind it, nor the dialog's buttons.
  assert.ok(!text.includes('A page with gated scripts'), `${engine}: the page behind the dialog is not printed`);
  assert.ok(!text.includes('Drukāt'), `${engine}: the print button is not printed`);
  // The title comes first: nothing of the page before it.
  assert.ok(text.indexOf(words(policy.title)) < 40, `${engine}: the PDF starts with the policy (${text.slice(0, 80)})`);
}

describe('printing the policy', { skip: NO_PDF }, () => {
  it('Chromium prints the whole policy and only it', async () => {
    const harness = await startHarness();
    try {
      const page = await harness.page({ viewport: { width: 1280, height: 800 } });
      await page.goto(harness.url(PAGE));
      await page.evaluate(() => document.querySelector('piekritu-consent').show('policy'));
      await page.locator('piekritu-consent').locator('dialog[part~="policy"] nav').waitFor();
      const text = textOf(await page.pdf({ format: 'A4' }), 'chromium');
      checkPrinted(text, 'Chromium');
    } finally {
      await harness.close();
    }
  });

  it('Firefox prints the whole policy and only it', { skip: NO_FIREFOX }, async () => {
    const harness = await startHarness();
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, timeout: 30000 });
    try {
      const page = await (await browser.createBrowserContext()).newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(harness.url(PAGE));
      await page.waitForFunction(() => typeof document.querySelector('piekritu-consent')?.show === 'function');
      await page.evaluate(() => document.querySelector('piekritu-consent').show('policy'));
      await page.waitForFunction(() => Boolean(document.querySelector('piekritu-consent').shadowRoot.querySelector('dialog[part~="policy"] nav')), { polling: 50 });
      const text = textOf(await page.pdf({ format: 'A4' }), 'firefox');
      checkPrinted(text, 'Firefox');
    } finally {
      await browser.close();
      await harness.close();
    }
  });
});
