/**
 * The database drivers are optional: importing `piekritu/server` and using its handler loads
 * neither; creating a store loads its own driver only.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = new URL('../../dist/server.js', import.meta.url).href;

/** Which drivers sit in Node's module cache after `steps` ran in a fresh process. */
function driversAfter(steps) {
  const script = `
    import { createRequire } from 'node:module';
    import { tmpdir } from 'node:os';
    import { join } from 'node:path';
    const server = await import(${JSON.stringify(SERVER)});
    ${steps}
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['better-sqlite3', 'pg'].filter((name) => cache.some((path) => path.includes('/node_modules/' + name + '/')))));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)) }).toString());
}

it('importing piekritu/server and making a handler loads no driver; a SQLite store loads better-sqlite3 and not pg', () => {
  assert.deepEqual(driversAfter(`server.consentHandler({ store: () => {} });`), []);
  assert.deepEqual(
    driversAfter(`
      const path = join(tmpdir(), 'piekritu-optional-' + process.pid + '.db');
      const store = server.sqliteStore(path);
      await store.ready();
      await store.close();
      const { rmSync } = await import('node:fs');
      for (const file of [path, path + '-wal', path + '-shm']) rmSync(file, { force: true });
    `),
    ['better-sqlite3'],
  );
});
