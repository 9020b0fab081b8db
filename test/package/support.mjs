/**
 * The package as a consumer gets it: `npm pack` of the built repository, installed from the
 * tarball into a fresh project, offline. Shared by the consumer and framework tests.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

/** The dependencies piekritu brings along, as npm would install them. */
const RUNTIME_DEPENDENCIES = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit-labs/ssr-dom-shim', 'js-cookie', '@types/trusted-types'];

/** Run a command; never throws, never hangs: `{ code, stdout, stderr }`. */
export async function exec(file, args, { cwd = REPO, timeout = 120_000, env = {} } = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      timeout,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const code = typeof error.code === 'number' ? error.code : error.killed ? `killed (${error.signal}, timeout ${timeout} ms)` : String(error.code);
    return { code, stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) };
  }
}

export const npm = (args, options) => exec('npm', args, options);
export const tsc = (project) => exec(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: dirname(project), timeout: 90_000 });

/**
 * `dist/` must exist (`npm run build` normally runs first). If it is missing, build once;
 * a lock keeps the test files, which node --test runs in parallel, from building twice.
 */
export async function ensureBuilt() {
  const built = () => ['dist/piekritu.js', 'dist/piekritu.min.js', 'dist/types/src/index.d.ts'].every((file) => existsSync(join(REPO, file)));
  if (built()) return;
  const lock = join(REPO, 'node_modules/.piekritu-package-test-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 180 s for ${lock}: remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (built()) return;
    const result = await npm(['run', 'build'], { timeout: 170_000 });
    if (result.code !== 0 || !built()) throw new Error(`npm run build failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Pack the repository and install the tarball into a fresh project, without the network.
 * First `npm install <tarball> --offline` against the machine's npm cache (what a consumer
 * does); when the cache lacks a dependency, the tarball is unpacked into node_modules and
 * its dependencies are linked from the repository's own node_modules (`how` says which).
 */
export async function packAndInstall() {
  await ensureBuilt();
  const root = await mkdtemp(join(tmpdir(), 'piekritu-package-'));
  const packed = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', root]);
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}):\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const tarball = join(root, info.filename);

  const project = join(root, 'consumer');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  let how = 'npm install <tarball> --offline (from the npm cache)';
  // PIEKRITU_TEST_EMPTY_NPM_CACHE=1 exercises the fallback: an empty cache fails the install.
  const env = process.env.PIEKRITU_TEST_EMPTY_NPM_CACHE ? { npm_config_cache: join(root, 'empty-npm-cache') } : {};
  const installed = await npm(['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, env });
  if (installed.code !== 0) {
    // The cache lacks a dependency: unpack the tarball as npm would, and link the
    // dependencies from the repository's own node_modules.
    const reason = installed.stderr.split('\n').find((line) => /npm (error|ERR!) code/i.test(line)) ?? `exit ${installed.code}`;
    how = `tarball unpacked, dependencies linked from the repository (npm install --offline failed: ${reason})`;
    await rm(join(project, 'node_modules'), { recursive: true, force: true });
    await mkdir(join(project, 'node_modules/piekritu'), { recursive: true });
    const untar = await exec('tar', ['-xzf', tarball, '-C', join(project, 'node_modules/piekritu'), '--strip-components=1']);
    if (untar.code !== 0) throw new Error(`tar failed (${untar.code}):\n${untar.stderr}`);
    for (const name of RUNTIME_DEPENDENCIES) {
      const from = join(REPO, 'node_modules', name);
      if (!existsSync(from)) continue;
      await mkdir(dirname(join(project, 'node_modules', name)), { recursive: true });
      await symlink(from, join(project, 'node_modules', name), 'dir');
    }
  }
  return {
    root,
    tarball,
    /** Paths in the tarball, relative to the package root. */
    files: info.files.map((file) => file.path),
    size: info.size,
    project,
    packageDir: join(project, 'node_modules/piekritu'),
    how,
    /** Make the repository's copy of a dev-only package (react, vue, ...) resolvable from the project. */
    async link(...names) {
      for (const name of names) {
        const to = join(project, 'node_modules', name);
        if (existsSync(to)) continue;
        await mkdir(dirname(to), { recursive: true });
        await symlink(join(REPO, 'node_modules', name), to, 'dir');
      }
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Copy fixture files (relative to test/package/fixtures/) into a folder. */
export async function copyFixtures(to, ...names) {
  for (const name of names) await cp(join(FIXTURES, name), join(to, name), { recursive: true });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A static server for one folder on a free port; `missing` collects the paths it answered 404. */
export async function serveFolder(folder) {
  const missing = [];
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    let path = normalize(join(folder, decodeURIComponent(pathname)));
    try {
      if (!path.startsWith(folder + sep) && path !== folder) throw new Error('outside');
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      missing.push(pathname);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${server.address().port}`,
    missing,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
