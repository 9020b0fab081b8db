#!/usr/bin/env node
/**
 * What `npm start` and `npm test` do before anything else, so that a fresh clone on a new
 * machine needs no other command. Node's built-ins only: it runs before `npm ci`.
 *
 *   node test/support/setup.mjs start   # the packages, when missing or older than the lock file
 *   node test/support/setup.mjs test    # the same, then the browsers and other programs the tests use
 *
 * A program the tests need is taken from its environment variable (CHROME_PATH, …), else
 * from where Debian puts it; when it is missing and this runs as root on a machine with
 * apt-get, Debian's package is installed; otherwise the run stops with one message that says
 * what to install. `PIEKRITU_SKIP="firefox records"` asks for a partial run: the suites named
 * are skipped, and say so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const purpose = process.argv[2] ?? 'test';

/** Run a command in the repository, its output shown; the exit status. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) console.error(`piekritu setup: ${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

/** `npm ci` when node_modules is missing, or older than package-lock.json. */
function installPackages() {
  const marker = join(ROOT, 'node_modules/.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  const why = !existsSync(marker)
    ? 'node_modules is missing'
    : statSync(lock).mtimeMs > statSync(marker).mtimeMs
      ? 'package-lock.json is newer than node_modules'
      : null;
  if (!why) return;
  console.log(`piekritu setup: ${why}: npm ci`);
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('piekritu setup: npm ci failed (see above). It needs the npm registry or a warm npm cache.');
    process.exit(1);
  }
}

/** The path an environment variable names, when something is there. */
const fromVariable = (variable) => (process.env[variable] && existsSync(process.env[variable]) ? process.env[variable] : undefined);

const onPath = (name) =>
  (process.env.PATH ?? '')
    .split(':')
    .map((folder) => join(folder, name))
    .find((path) => existsSync(path));

/** The server binaries of Debian's newest PostgreSQL, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((version) => existsSync(join(base, version, 'bin/postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/**
 * What the test suites need from outside npm. `suite` is the name PIEKRITU_SKIP takes;
 * `find` says where the program is (or nothing); `debian` is the package that provides it.
 */
export const PROGRAMS = [
  {
    suite: 'chromium',
    what: 'Chromium (every browser, end-to-end and package test)',
    variable: 'CHROME_PATH',
    debian: 'chromium',
    find: () => fromVariable('CHROME_PATH') ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)),
  },
  {
    suite: 'firefox',
    what: 'Firefox ESR (the browser suite in the second engine)',
    variable: 'FIREFOX_PATH',
    debian: 'firefox-esr',
    find: () => fromVariable('FIREFOX_PATH') ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path)),
  },
  {
    suite: 'pdf',
    what: 'pdftotext (reading the printed policy back)',
    variable: 'PDFTOTEXT_PATH',
    debian: 'poppler-utils',
    find: () => fromVariable('PDFTOTEXT_PATH') ?? onPath('pdftotext'),
  },
  {
    suite: 'postgres',
    what: 'a PostgreSQL server (the record store tests)',
    variable: 'POSTGRES_BIN',
    debian: 'postgresql',
    find: () => fromVariable('POSTGRES_BIN') ?? postgresBin(),
  },
];

/** The suites the person asked to leave out. */
export const skipped = () => new Set((process.env.PIEKRITU_SKIP ?? '').split(/[\s,]+/).filter(Boolean));

function provideTestPrograms() {
  const skip = skipped();
  const missing = PROGRAMS.filter((program) => !skip.has(program.suite) && !program.find());
  for (const program of PROGRAMS.filter((program) => skip.has(program.suite))) {
    console.log(`piekritu setup: PIEKRITU_SKIP names "${program.suite}": ${program.what} is not looked for, and its suite is skipped.`);
  }
  if (missing.length === 0) return;
  const packages = missing.map((program) => program.debian);
  const root = process.getuid?.() === 0;
  if (root && onPath('apt-get')) {
    console.log(`piekritu setup: installing Debian's ${packages.join(', ')}`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], env) === 0 && run('apt-get', ['install', '-y', '-qq', ...packages], env) === 0) {
      const still = missing.filter((program) => !program.find());
      if (still.length === 0) return;
      missing.splice(0, missing.length, ...still);
    }
  }
  console.error('piekritu setup: the tests need programs that are not on this machine:');
  for (const program of missing) {
    console.error(`  - ${program.what}: install Debian's "${program.debian}" (apt-get install ${program.debian}), or set ${program.variable}`);
  }
  console.error(`  Or run part of the suite: PIEKRITU_SKIP="${missing.map((program) => program.suite).join(' ')}" npm test`);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installPackages();
  if (purpose === 'test') provideTestPrograms();
}

/**
 * Where a suite finds its program: `{ path }`, or `{ skip }` with the reason when the person
 * asked for a run without it (PIEKRITU_SKIP). A program that is missing otherwise is an error
 * that says what to install: a suite never passes by not running.
 */
export function program(suite) {
  const wanted = PROGRAMS.find((candidate) => candidate.suite === suite);
  if (!wanted) throw new Error(`no program is known for the suite "${suite}"`);
  if (skipped().has(suite)) return { skip: `PIEKRITU_SKIP names "${suite}"` };
  const path = wanted.find();
  if (path) return { path };
  throw new Error(`${wanted.what} is not on this machine: install Debian's "${wanted.debian}" or set ${wanted.variable} (npm test does this for you as root)`);
}

/**
 * For a suite's runner script: the program's path, or `null` when the person asked to skip
 * it (said on stdout); a missing program ends the process with what to install.
 */
export function programForSuite(suite, label) {
  try {
    const found = program(suite);
    if (found.skip) console.log(`${label} skipped: ${found.skip}.`);
    return found.path ?? null;
  } catch (error) {
    console.error(`${label}: ${error.message}`);
    process.exit(1);
  }
}
