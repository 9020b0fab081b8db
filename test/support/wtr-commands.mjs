/**
 * Server-side commands for the browser tests that @web/test-runner-commands lacks with the
 * puppeteer-driven Chromium used here:
 *
 * - `emulate-media-features` `{ features: [{ name, value }] }`: every CSS media feature
 *   through CDP (`Emulation.setEmulatedMedia`), including `forced-colors`, which
 *   `emulateMedia` silently drops under puppeteer. The list replaces what was emulated
 *   before; an empty list clears it.
 * - `screenshot-clip` `{ x, y, width, height }`: a PNG (base64) of that viewport area, so a
 *   test can tell whether two states of a control look different.
 */
const sessions = new WeakMap();

async function cdpOf(page) {
  if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
  return sessions.get(page);
}

export function a11yCommands() {
  return {
    name: 'piekritu-a11y-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features' && command !== 'screenshot-clip') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs the puppeteer-driven Chromium`);
      const page = session.browser.getPage(session.id);
      if (command === 'emulate-media-features') {
        const cdp = await cdpOf(page);
        await cdp.send('Emulation.setEmulatedMedia', { media: '', features: payload?.features ?? [] });
        return true;
      }
      const { x, y, width, height } = payload;
      return page.screenshot({ encoding: 'base64', clip: { x, y, width, height }, captureBeyondViewport: false });
    },
  };
}
