#!/usr/bin/env node
/**
 * The browser suite in the second engine, Debian's firefox-esr (`.ci/run` installs it).
 * `a11y.test.ts` stays Chromium-only: its media emulation (forced colours, reduced motion)
 * needs the Chrome DevTools Protocol. Without Firefox on the machine this says so and
 * passes, so a developer without it can still run `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (!existsSync(firefox)) {
  console.log(`test:firefox skipped: ${firefox} is not installed (apt-get install firefox-esr).`);
  process.exit(0);
}
const files = ['consent', 'gating', 'i18n', 'environments'].map((name) => `test/browser/${name}.test.ts`);
const run = spawnSync('npx', ['wtr', '--config', 'test/web-test-runner.firefox.config.mjs', '--files', ...files], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
