/**
 * Debian's Chromium, as every test and the benchmark start it. No npm package may
 * download a browser here; CHROME_PATH points elsewhere when needed.
 */
import { readFileSync } from 'node:fs';
import { PROGRAMS } from './setup.mjs';

export const chromiumPath = () => PROGRAMS.find((program) => program.suite === 'chromium').find();

/**
 * Without these, headless Chromium floods a closed network with connection attempts. The
 * list ships with the `piekritu audit` command, which starts Chromium the same way.
 */
export const chromiumArgs = ['--no-sandbox', ...JSON.parse(readFileSync(new URL('../../src/cli/chromium-flags.json', import.meta.url), 'utf8'))];
