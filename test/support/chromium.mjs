/**
 * Debian's Chromium, as every test and the benchmark start it. No npm package may
 * download a browser here; CHROME_PATH points elsewhere when needed.
 */
import { PROGRAMS } from './setup.mjs';

export const chromiumPath = () => PROGRAMS.find((program) => program.suite === 'chromium').find();

/** Without these, headless Chromium floods a closed network with connection attempts. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
];
