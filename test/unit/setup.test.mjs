/**
 * `npm test`'s set-up (test/support/setup.mjs) looking for the programs the suites drive, on
 * a made-up machine: a folder stands for `/`, with empty executables where Debian puts the
 * programs, and its own PATH. apt-get is never the real one: as root, the PATH has none, or
 * a script that stands for it.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROGRAMS, program, provideTestPrograms } from '../support/setup.mjs';

/** Where each program is on a Debian machine, as the set-up looks for it. */
const DEBIAN = {
  chromium: ['usr/bin/chromium'],
  firefox: ['usr/bin/firefox-esr'],
  pdf: ['usr/bin/pdftotext'],
  postgres: ['initdb', 'pg_ctl', 'postgres'].map((name) => `usr/lib/postgresql/15/bin/${name}`),
};

let root;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'piekritu-setup-'));
  for (const path of Object.values(DEBIAN).flat()) executable(path, '#!/bin/sh\nexit 0\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function executable(path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  chmodSync(join(root, path), 0o755);
}

/** Take a program's files off the made-up machine. */
const remove = (suite) => DEBIAN[suite].forEach((path) => rmSync(join(root, path)));

/** The set-up's check on the made-up machine: its exit status, and what it said on stdout and stderr. */
function check(env = {}, asRoot = false) {
  const said = [];
  const complained = [];
  const code = provideTestPrograms({
    env: { PATH: join(root, 'usr/bin'), ...env },
    root,
    asRoot,
    say: (line) => said.push(line),
    complain: (line) => complained.push(line),
  });
  return { code, stdout: said.join('\n'), stderr: complained.join('\n') };
}

describe('setup: the programs the tests need', () => {
  it('all there: exit 0, nothing said', () => {
    expect(check()).toEqual({ code: 0, stdout: '', stderr: '' });
    // The variables win over Debian's places.
    executable('opt/chromium', '');
    expect(PROGRAMS.find((each) => each.suite === 'chromium').find({ CHROME_PATH: join(root, 'opt/chromium') }, root)).toBe(join(root, 'opt/chromium'));
    expect(PROGRAMS.find((each) => each.suite === 'postgres').find({}, root)).toBe(join(root, 'usr/lib/postgresql/15/bin'));
  });

  describe.each(PROGRAMS)('$suite missing', ({ suite, variable, debian, skips }) => {
    beforeEach(() => remove(suite));
    const nowhere = () => ({ [variable]: join(root, 'nowhere', suite) });

    it.each([
      ['not as root', false, {}],
      ['as root, without apt-get', true, {}],
    ])('%s: exit 1, naming the Debian package, the variable and PIEKRITU_SKIP', (_, asRoot) => {
      const run = check(nowhere(), asRoot);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('piekritu setup: the tests need programs that are not on this machine:');
      expect(run.stderr).toContain(`install Debian's "${debian}" (apt-get install ${debian}), or set ${variable}`);
      expect(run.stderr).toContain(`${variable}=${join(root, 'nowhere', suite)} names nothing usable`);
      if (skips) expect(run.stderr).toContain(`Or run part of the suite: PIEKRITU_SKIP="${suite}" npm test`);
      else expect(run.stderr).not.toContain('PIEKRITU_SKIP');
    });

    if (skips) {
      it(`PIEKRITU_SKIP=${suite}: exit 0, saying what is skipped`, () => {
        const run = check({ ...nowhere(), PIEKRITU_SKIP: suite });
        expect(run).toEqual({ code: 0, stdout: `piekritu setup: PIEKRITU_SKIP names "${suite}": ${PROGRAMS.find((each) => each.suite === suite).what} is not looked for; skipped: ${skips}.`, stderr: '' });
        expect(program(suite, { PIEKRITU_SKIP: `chromium ${suite}` })).toEqual({ skip: `PIEKRITU_SKIP names "${suite}"` });
      });
    } else {
      it(`PIEKRITU_SKIP=${suite} cannot leave it out: exit 1, and says why`, () => {
        const run = check({ PIEKRITU_SKIP: suite });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`PIEKRITU_SKIP names "${suite}", which cannot be left out`);
        expect(run.stderr).toContain(`install Debian's "${debian}"`);
      });
    }
  });

  it('two missing, one skipped: only the other is asked for, and the hint names both', () => {
    remove('firefox');
    remove('postgres');
    const run = check({ PIEKRITU_SKIP: 'firefox' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^piekritu setup: PIEKRITU_SKIP names "firefox"/);
    expect(run.stderr).toContain(`install Debian's "postgresql"`);
    expect(run.stderr).not.toContain('firefox-esr');
    expect(run.stderr).toContain('PIEKRITU_SKIP="firefox postgres" npm test');
  });

  it('a variable naming nothing, with the program in its Debian place: the place is used, and said', () => {
    const run = check({ FIREFOX_PATH: join(root, 'nowhere') });
    expect(run).toEqual({
      code: 0,
      stdout: `piekritu setup: FIREFOX_PATH=${join(root, 'nowhere')} names nothing usable: ${join(root, 'usr/bin/firefox-esr')} is used instead.`,
      stderr: '',
    });
  });

  it('POSTGRES_BIN must hold the server binaries, not just be a folder', () => {
    remove('postgres');
    mkdirSync(join(root, 'pg'));
    expect(check({ POSTGRES_BIN: join(root, 'pg') }).stderr).toContain(`POSTGRES_BIN=${join(root, 'pg')} names nothing usable`);
  });

  it('a name PIEKRITU_SKIP does not know: said, and ignored', () => {
    expect(check({ PIEKRITU_SKIP: 'records' })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'piekritu setup: PIEKRITU_SKIP names "records", which is no suite\'s name (firefox, pdf, postgres): it is ignored.',
    });
  });

  describe('as root with apt-get (a script standing for it)', () => {
    /** An apt-get that logs its arguments and, on install, puts `files` in place. */
    function aptGet(files) {
      executable(
        'usr/bin/apt-get',
        [
          '#!/bin/sh',
          'PATH=/usr/bin:/bin',
          `echo "$@" >> "${join(root, 'apt.log')}"`,
          'if [ "$1" = install ]; then',
          '  :',
          ...files.map((path) => `  printf '#!/bin/sh\\n' > "${join(root, path)}"; chmod 755 "${join(root, path)}"`),
          'fi',
          '',
        ].join('\n'),
      );
    }
    const log = () => readFileSync(join(root, 'apt.log'), 'utf8');

    it('installs the missing packages, then finds the programs: exit 0', () => {
      remove('firefox');
      remove('pdf');
      aptGet([...DEBIAN.firefox, ...DEBIAN.pdf]);
      const run = check({}, true);
      expect(run).toEqual({ code: 0, stdout: "piekritu setup: installing Debian's firefox-esr, poppler-utils", stderr: '' });
      expect(log()).toBe('update -qq\ninstall -y -qq firefox-esr poppler-utils\n');
    });

    it('a package that does not bring the program: exit 1 with what to install', () => {
      remove('firefox');
      aptGet([]);
      const run = check({}, true);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`install Debian's "firefox-esr"`);
      expect(log()).toBe('update -qq\ninstall -y -qq firefox-esr\n');
    });

    it('not as root: apt-get is not run', () => {
      remove('firefox');
      aptGet([...DEBIAN.firefox]);
      expect(check({}, false).code).toBe(1);
      expect(() => log()).toThrow(/ENOENT/);
    });
  });
});
