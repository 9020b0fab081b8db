/**
 * A web-test-runner launcher for Firefox through puppeteer-core over WebDriver BiDi (no
 * @web/test-runner-puppeteer here). One browser, one page per test file.
 */
import puppeteer from 'puppeteer-core';

export function firefoxLauncher({ executablePath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', launchOptions = {} } = {}) {
  let browser;
  const pages = new Map();
  return {
    name: 'Firefox',
    type: 'puppeteer',
    concurrency: 1,
    async initialize() {
      browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, ...launchOptions });
    },
    async stop() {
      await browser?.close();
    },
    async startSession(sessionId, url) {
      const page = await browser.newPage();
      pages.set(sessionId, page);
      await page.setViewport({ width: 800, height: 600 });
      await page.goto(url);
    },
    isActive: (sessionId) => pages.has(sessionId),
    getBrowserUrl: (sessionId) => pages.get(sessionId)?.url(),
    async startDebugSession() {
      throw new Error('Debugging is not supported by the Firefox launcher.');
    },
    async stopSession(sessionId) {
      const page = pages.get(sessionId);
      pages.delete(sessionId);
      await page?.close().catch(() => undefined);
      return {};
    },
    getPage: (sessionId) => pages.get(sessionId),
  };
}
