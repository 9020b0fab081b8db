import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';
import { jsonModules, splitLocales } from './support/wtr-json.mjs';
import { a11yCommands } from './support/wtr-commands.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default {
  rootDir: root,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: a background page gets no animation frames, and focus is per window.
  concurrency: 1,
  plugins: [a11yCommands(), splitLocales(root), jsonModules(), esbuildPlugin({ ts: true, tsconfig: `${root}tsconfig.json`, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
