/**
 * The audit's Chromium: playwright-core (an optional dependency, loaded only here) driving
 * a system Chromium or Chrome. Nothing is downloaded.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
/** Without these, headless Chromium floods the network with its own background requests. */
import QUIET from '../chromium-flags.json';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export class SetupError extends Error {}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROME_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path) {
    throw new SetupError(
      'no Chromium or Chrome found. Install one (Debian/Ubuntu: "apt-get install chromium") ' +
        'or point CHROME_PATH at a Chrome or Chromium executable.',
    );
  }
  if (!existsSync(path)) throw new SetupError(`CHROME_PATH is ${path}, which does not exist.`);
  return path;
}

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new SetupError('the audit drives Chromium through playwright-core, which is not installed: run "npm install --save-dev playwright-core".');
  }
  // Root cannot use Chromium's sandbox (containers, CI runners).
  const sandbox = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  return playwright.chromium.launch({ executablePath, headless: true, args: [...sandbox, ...QUIET, ...extraArgs] });
}
