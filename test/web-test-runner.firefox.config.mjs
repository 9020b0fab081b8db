/** The browser suite in Firefox: `npx wtr --config test/web-test-runner.firefox.config.mjs`. */
import base from './web-test-runner.config.mjs';
import { firefoxLauncher } from './support/firefox-launcher.mjs';

export default { ...base, browsers: [firefoxLauncher()] };
