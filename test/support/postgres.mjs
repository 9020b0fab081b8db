/**
 * A throw-away PostgreSQL server for the record-store tests and benchmark: Debian's server
 * binaries (installed with apt-get when missing), a new cluster in a temporary folder owned by
 * the `postgres` user (the server refuses to run as root), listening on 127.0.0.1 on a free
 * port with its socket in that folder. Nothing is shared with another run on the machine.
 *
 *   const pg = await startPostgres();   // { url, port, dir, stop(), pause(), resume() }
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './net.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROGRAMS } from './setup.mjs';

/** POSTGRES_BIN when it holds the server binaries, else Debian's newest ones (the rule of `npm test`'s set-up). */
const binaries = () => PROGRAMS.find((program) => program.suite === 'postgres').find();

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function install() {
  if (!isRoot()) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql and not running as root: ' +
        'install them with `sudo apt-get install -y postgresql`, or run the tests as root.',
    );
  }
  const apt = (args) => {
    // Another apt-get may hold the lock for a while: wait for it rather than fail.
    for (let attempt = 0; ; attempt += 1) {
      try {
        execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        });
        return;
      } catch (error) {
        if (attempt >= 2) throw new Error(`apt-get ${args.join(' ')} failed: ${error.stderr ?? error.message}`);
      }
    }
  };
  process.stderr.write('PostgreSQL not found: installing Debian\'s postgresql package…\n');
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'postgresql']);
}

/** Run a server binary as the `postgres` user when we are root, as ourselves otherwise. */
function run(bin, args) {
  const [command, prefix] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin]] : [bin, []];
  return execFileSync(command, [...prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

export async function startPostgres() {
  let bin = binaries();
  if (!bin) {
    install();
    bin = binaries();
    if (!bin) throw new Error('postgresql installed, but no server binaries under /usr/lib/postgresql/*/bin');
  }
  const dir = mkdtempSync(join(tmpdir(), 'piekritu-pg-'));
  const data = join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  chmodSync(dir, 0o700);
  const password = join(dir, 'pw');
  writeFileSync(password, 'piekritu\n');
  if (isRoot()) execFileSync('chown', ['postgres:postgres', password]);
  run(join(bin, 'initdb'), ['-D', data, '-U', 'piekritu', '--pwfile', password, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-sync']);

  let port;
  const start = async () => {
    // Another process may take the port between the probe and the start: try a few.
    for (let attempt = 0; ; attempt += 1) {
      port = port ?? (await freePort());
      try {
        run(join(bin, 'pg_ctl'), [
          '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60',
          '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=60`,
          'start',
        ]);
        return;
      } catch (error) {
        if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${error.stderr ?? error.message}`);
        port = undefined;
      }
    }
  };
  const stopServer = (mode = 'fast') => {
    try {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  };
  await start();
  return {
    url: `postgres://piekritu:piekritu@127.0.0.1:${port}/postgres`,
    get port() {
      return port;
    },
    dir,
    /** Take the server down (the same port comes back with `resume`). */
    pause: () => stopServer('immediate'),
    resume: start,
    stop() {
      stopServer('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
