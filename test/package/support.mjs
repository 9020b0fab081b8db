/**
 * The package as a consumer gets it: `npm pack` of the built repository, installed from the
 * tarball into a fresh project, offline. Shared by the consumer and framework tests.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

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
 * The lock file's view of installed packages: `node_modules/<name>` entries of
 * package-lock.json, read once.
 */
let lockPackages;
async function lockEntries() {
  lockPackages ??= JSON.parse(await readFile(join(REPO, 'package-lock.json'), 'utf8')).packages;
  return lockPackages;
}

/**
 * Where `name`, required from the package installed at lock path `from`, resolves by Node's
 * rule: the nearest `node_modules/<name>` up from `from` that the lock file holds (a package
 * may keep its own version nested, as astro keeps vite 6 beside the repository's vite 8).
 */
function resolveIn(packages, from, name) {
  for (let at = from; ; ) {
    const path = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[path]) return path;
    if (!at) return undefined;
    const up = at.lastIndexOf('/node_modules/');
    at = up < 0 ? '' : at.slice(0, up);
  }
}

/**
 * Every package that `names` need at run time, by the lock file: the names themselves and,
 * transitively, their dependencies, peer and optional dependencies that the lock file
 * installed, each resolved as Node would from where its dependent is. Answers the top-level
 * `node_modules/<name>` folders to copy: a nested package comes with the folder it is in.
 */
async function closureOf(names) {
  const packages = await lockEntries();
  const found = new Set();
  const queue = names.map((name) => {
    if (!packages[`node_modules/${name}`]) throw new Error(`${name} is not in package-lock.json: run npm install`);
    return `node_modules/${name}`;
  });
  while (queue.length) {
    const path = queue.shift();
    if (found.has(path)) continue;
    const entry = packages[path];
    // An optional dependency for another platform (fsevents on Linux) is in the lock file, not on disk.
    if (entry.optional && !existsSync(join(REPO, path))) continue;
    found.add(path);
    const next = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const dependency of Object.keys(next)) {
      const resolved = resolveIn(packages, path, dependency);
      if (resolved) queue.push(resolved);
    }
  }
  const top = new Set();
  for (const path of found) top.add(/^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)[1]);
  return [...top];
}

/**
 * Copy packages (with what they need, by the lock file) from the repository's node_modules
 * into a project's, as real folders: a bundler then sees `node_modules/<name>/…` paths, as a
 * consumer's install would give it, never `../../repository/node_modules/…` through a link.
 */
async function copyPackages(project, names) {
  for (const name of await closureOf(names)) {
    const to = join(project, 'node_modules', name);
    if (existsSync(to)) continue;
    await cp(join(REPO, 'node_modules', name), to, { recursive: true, dereference: true });
  }
}

/**
 * Pack the repository and install the tarball into a fresh project, as a consumer's
 * `npm install piekritu` would lay it out, without the network or the npm cache: the
 * tarball is unpacked into `node_modules/piekritu`, and its dependencies are copied at the
 * lock file's versions from the repository's node_modules (which `npm ci` filled from the
 * same lock file). npm's own install by range would need the registry's metadata, which a
 * fresh machine's cache does not hold.
 */
export async function packAndInstall() {
  await ensureBuilt();
  const root = await mkdtemp(join(tmpdir(), 'piekritu-package-'));
  // An empty cache of its own: what `npm pack` does must not depend on the machine's.
  const packed = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', root], { env: { npm_config_cache: join(root, 'npm-cache') } });
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}):\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const tarball = join(root, info.filename);

  const project = join(root, 'consumer');
  await mkdir(join(project, 'node_modules/piekritu'), { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { piekritu: `file:${tarball}` } }, null, 2));
  const untar = await exec('tar', ['-xzf', tarball, '-C', join(project, 'node_modules/piekritu'), '--strip-components=1']);
  if (untar.code !== 0) throw new Error(`tar failed (${untar.code}):\n${untar.stderr}`);
  const manifest = JSON.parse(await readFile(join(project, 'node_modules/piekritu/package.json'), 'utf8'));
  await copyPackages(project, Object.keys(manifest.dependencies ?? {}));
  return {
    root,
    tarball,
    /** Paths in the tarball, relative to the package root. */
    files: info.files.map((file) => file.path),
    size: info.size,
    project,
    packageDir: join(project, 'node_modules/piekritu'),
    how: 'tarball unpacked into node_modules/piekritu, its dependencies copied at the lock file\'s versions',
    /** Add the repository's copy of a dev-only package (react, vue, ...) to the project, as a real folder. */
    add: (...names) => copyPackages(project, names),
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
