#!/usr/bin/env node
/**
 * The browser suite in the second engine, Debian's firefox-esr (`npm test` installs it).
 * `a11y.test.ts` stays Chromium-only: its media emulation (forced colours, reduced motion)
 * needs the Chrome DevTools Protocol. Without Firefox this fails with what to install,
 * unless the person asked for a run without it (PIEKRITU_SKIP=firefox).
 */
import { spawnSync } from 'node:child_process';
import { programForSuite } from './setup.mjs';

const firefox = programForSuite('firefox', 'test:firefox');
if (!firefox) process.exit(0);
const files = ['consent', 'gating', 'i18n', 'environments', 'signals'].map((name) => `test/browser/${name}.test.ts`);
const run = spawnSync('npx', ['wtr', '--config', 'test/web-test-runner.firefox.config.mjs', '--files', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FIREFOX_PATH: firefox },
});
process.exit(run.status ?? 1);
