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
 * what to install. `PIEKRITU_SKIP="firefox postgres"` asks for a partial run: what needs the
 * programs named is skipped, and says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const purpose = process.argv[2] ?? 'test';

/** Run a command in the repository, its output shown; the exit status. */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
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

/**
 * What the test suites need from outside npm. `suite` is the name PIEKRITU_SKIP takes, and
 * `skips` what leaving it out skips (Chromium cannot be left out: nearly every suite needs
 * it); `debian` is the package that provides the program. `find(env, root)` says where the
 * program is, or nothing: the path its variable names, else Debian's place for it under
 * `root` (`/`; another folder stands for a machine in the tests).
 */
export const PROGRAMS = [
  {
    suite: 'chromium',
    what: 'Chromium (every browser, end-to-end and package test)',
    variable: 'CHROME_PATH',
    debian: 'chromium',
    where: (root) => firstOf(root, ['/usr/bin/chromium', '/usr/bin/chromium-browser']),
  },
  {
    suite: 'firefox',
    what: 'Firefox ESR (the browser suite in the second engine)',
    skips: 'test:firefox, and the Firefox tests of the end-to-end and print suites',
    variable: 'FIREFOX_PATH',
    debian: 'firefox-esr',
    where: (root) => firstOf(root, ['/usr/bin/firefox-esr', '/usr/bin/firefox']),
  },
  {
    suite: 'pdf',
    what: 'pdftotext (reading the printed policy back)',
    skips: 'the print tests (test/e2e/print.test.mjs)',
    variable: 'PDFTOTEXT_PATH',
    debian: 'poppler-utils',
    where: (_root, env) => onPath('pdftotext', env),
  },
  {
    suite: 'postgres',
    what: 'a PostgreSQL server (the record store tests)',
    skips: 'the PostgreSQL runs of test:records (its SQLite runs still run)',
    variable: 'POSTGRES_BIN',
    debian: 'postgresql',
    where: (root) => postgresBin(root),
    usable: serverBinaries,
  },
].map((program) => ({
  ...program,
  find: (env = process.env, root = '/') => fromVariable(program, env) ?? program.where(root, env),
}));

/** The path a program's variable names, when it is usable. */
function fromVariable({ variable, usable = existsSync }, env) {
  const value = env[variable];
  return value && usable(value) ? value : undefined;
}

/** A program's variable when it is set but names nothing usable: what to tell the person. */
const badVariable = ({ variable, usable = existsSync }, env) =>
  env[variable] && !usable(env[variable]) ? `${variable}=${env[variable]} names nothing usable` : undefined;

const firstOf = (root, paths) => paths.map((path) => join(root, path)).find((path) => existsSync(path));

const onPath = (name, env = process.env) =>
  (env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((folder) => join(folder, name))
    .find((path) => existsSync(path));

/** A folder with the server binaries the record-store tests run: initdb, pg_ctl, postgres. */
function serverBinaries(folder) {
  return ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(folder, name)));
}

/** The server binaries of Debian's newest PostgreSQL, e.g. /usr/lib/postgresql/15/bin. */
function postgresBin(root = '/') {
  const base = join(root, 'usr/lib/postgresql');
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((version) => serverBinaries(join(base, version, 'bin')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** The names in PIEKRITU_SKIP. */
const named = (env) => (env.PIEKRITU_SKIP ?? '').split(/[\s,]+/).filter(Boolean);

/** The suites the person asked to leave out: the names in PIEKRITU_SKIP that can be left out. */
const skipped = (env = process.env) =>
  new Set(named(env).filter((name) => PROGRAMS.some((program) => program.suite === name && program.skips)));

/**
 * What `npm test` checks before its suites: every program is found, or left out by
 * PIEKRITU_SKIP; as root with apt-get, the missing ones are installed. Says what it did and
 * what is wrong (`say` and `complain`, console.log and console.error); nothing when all is
 * there. The exit status: 0, or 1 when a program is still missing.
 */
export function provideTestPrograms({
  env = process.env,
  root = '/',
  asRoot = process.getuid?.() === 0,
  say = console.log,
  complain = console.error,
} = {}) {
  const skip = skipped(env);
  for (const name of named(env).filter((name) => !skip.has(name))) {
    const known = PROGRAMS.find((program) => program.suite === name);
    complain(
      known
        ? `piekritu setup: PIEKRITU_SKIP names "${name}", which cannot be left out: ${known.what} is needed all the same.`
        : `piekritu setup: PIEKRITU_SKIP names "${name}", which is no suite's name (${PROGRAMS.filter((program) => program.skips).map((program) => program.suite).join(', ')}): it is ignored.`,
    );
  }
  for (const program of PROGRAMS.filter((program) => skip.has(program.suite))) {
    say(`piekritu setup: PIEKRITU_SKIP names "${program.suite}": ${program.what} is not looked for; skipped: ${program.skips}.`);
  }
  const looked = PROGRAMS.filter((program) => !skip.has(program.suite));
  let missing = looked.filter((program) => !program.find(env, root));
  for (const program of looked.filter((program) => !missing.includes(program) && badVariable(program, env))) {
    say(`piekritu setup: ${badVariable(program, env)}: ${program.find(env, root)} is used instead.`);
  }
  if (missing.length === 0) return 0;
  const packages = missing.map((program) => program.debian);
  const aptGet = asRoot && onPath('apt-get', env);
  if (aptGet) {
    say(`piekritu setup: installing Debian's ${packages.join(', ')}`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run(aptGet, ['update', '-qq'], aptEnv) === 0 && run(aptGet, ['install', '-y', '-qq', ...packages], aptEnv) === 0) {
      missing = missing.filter((program) => !program.find(env, root));
      if (missing.length === 0) return 0;
    }
  }
  complain('piekritu setup: the tests need programs that are not on this machine:');
  for (const program of missing) {
    const bad = badVariable(program, env);
    complain(`  - ${program.what}: ${bad ? `${bad}; ` : ''}install Debian's "${program.debian}" (apt-get install ${program.debian}), or set ${program.variable}`);
  }
  const left = missing.filter((program) => program.skips);
  if (left.length) complain(`  Or run part of the suite: PIEKRITU_SKIP="${[...skip, ...left.map((program) => program.suite)].join(' ')}" npm test`);
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installPackages();
  if (purpose === 'test') process.exitCode = provideTestPrograms();
}

/** Why a suite's program is left out (PIEKRITU_SKIP names it), or nothing. */
export const skipReason = (suite, env = process.env) => (skipped(env).has(suite) ? `PIEKRITU_SKIP names "${suite}"` : undefined);

/**
 * Where a suite finds its program: `{ path }`, or `{ skip }` with the reason when the person
 * asked for a run without it (PIEKRITU_SKIP). A program that is missing otherwise is an error
 * that says what to install: a suite never passes by not running.
 */
export function program(suite, env = process.env) {
  const wanted = PROGRAMS.find((candidate) => candidate.suite === suite);
  if (!wanted) throw new Error(`no program is known for the suite "${suite}"`);
  const skip = skipReason(suite, env);
  if (skip) return { skip };
  const path = wanted.find(env);
  if (path) return { path };
  const bad = badVariable(wanted, env);
  throw new Error(
    `${wanted.what} is not on this machine${bad ? ` (${bad})` : ''}: install Debian's "${wanted.debian}" or set ${wanted.variable} (npm test does this for you as root)`,
  );
}

/**
 * For a suite's runner script: the program's path, or `null` when the person asked to skip
 * it (said on stdout, with what is skipped); a missing program ends the process with what to
 * install.
 */
export function programForSuite(suite, label) {
  try {
    const found = program(suite);
    if (found.skip) console.log(`${label}: ${found.skip}: skipped: ${PROGRAMS.find((each) => each.suite === suite).skips}.`);
    return found.path ?? null;
  } catch (error) {
    console.error(`${label}: ${error.message}`);
    process.exit(1);
  }
}
