#!/usr/bin/env node
/**
 * The README's picture of the audit report, made from the real command on the demo server:
 *
 *   npm run build && node test/screenshots/audit-report.mjs
 *
 * runs `piekritu audit` on demo/audit/careless.html, prints its terminal output (the
 * README's excerpt) and writes demo/screenshots/audit-report.png: the HTML report's first
 * 1600 px at 1100 px wide.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const OUT = fileURLToPath(new URL('../../demo/screenshots/audit-report.png', import.meta.url));

// The demo's usual port (the next free one if taken), so the picture shows the address the README uses.
const server = await serve({ port: 8080 });
const dir = await mkdtemp(join(tmpdir(), 'piekritu-report-'));
const html = join(dir, 'report.html');
try {
  const stdout = await new Promise((resolve) =>
    execFile(process.execPath, [CLI, 'audit', `${server.url}/demo/audit/careless.html`, '--html', html, '--quiet'], { env: { ...process.env, CHROME_PATH: chromiumPath() } }, (_, out) => resolve(out)),
  );
  console.log(stdout.split(server.url).join('http://localhost:8080'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  const page = await browser.newPage({ viewport: { width: 1100, height: 1600 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(html).href);
  await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1100, height: 1600 } });
  await browser.close();
  console.log(`written: ${OUT}`);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
