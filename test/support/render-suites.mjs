#!/usr/bin/env node
/**
 * The end-to-end, compliance, CSP and Firefox suites again, with the pages drawn through
 * piekritu/ssr and through the instant snippet (test/e2e/support.mjs, demo/render.mjs):
 * the same tests, not copies. Under the strict CSP the snippet runs twice: allowed by the
 * nonce, and by the hashes the build prints.
 */
import { spawnSync } from 'node:child_process';

const SUITES = ['basic', 'compliance', 'csp', 'firefox'].map((name) => `test/e2e/${name}.test.mjs`);
const RUNS = [
  { PIEKRITU_RENDER: 'ssr', files: SUITES },
  { PIEKRITU_RENDER: 'snippet', files: SUITES },
  { PIEKRITU_RENDER: 'snippet', PIEKRITU_CSP: 'hash', files: ['test/e2e/csp.test.mjs'] },
];

let failed = 0;
for (const { files, ...env } of RUNS) {
  console.log(`\n# ${Object.entries(env).map(([name, value]) => `${name}=${value}`).join(' ')}`);
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
