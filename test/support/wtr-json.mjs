/**
 * JSON imports in the browser tests: a module import of `x.json` gets a JS module (default
 * export plus top-level named exports, as @rollup/plugin-json does in the build), while a
 * `fetch()` of the same file still gets the JSON (the policy is fetched that way).
 */
export function jsonModules() {
  return {
    name: 'piekritu-json-modules',
    transform(context) {
      if (!context.path.endsWith('.json')) return;
      // One URL, two bodies: never let a cache hand the module to fetch() or back.
      const headers = { vary: 'Sec-Fetch-Dest', 'cache-control': 'no-store' };
      if (context.request.headers['sec-fetch-dest'] !== 'script') return { headers, transformCache: false };
      const data = JSON.parse(context.body);
      const named = Object.entries(data)
        .filter(([key]) => /^[A-Za-z_$][\w$]*$/.test(key))
        .map(([key, value]) => `export const ${key} = ${JSON.stringify(value)};`)
        .join('\n');
      context.response.type = 'js';
      return {
        body: `export default ${JSON.stringify(data)};\n${named}`,
        headers: { ...headers, 'content-type': 'text/javascript; charset=utf-8' },
        transformCache: false,
      };
    },
  };
}

/**
 * The build splits each `locales/<lang>.json` into one file per group (`<lang>.banner.json`,
 * `<lang>.renew.json`, `<lang>.dialogs.json`); the source tree serves the same split on the fly.
 */
export function splitLocales(root) {
  return {
    name: 'piekritu-split-locales',
    async serve(context) {
      const match = /^\/locales\/([a-z]{2})\.(banner|renew|dialogs)\.json$/.exec(context.path);
      if (!match) return;
      const { readFile } = await import('node:fs/promises');
      try {
        const data = JSON.parse(await readFile(`${root}locales/${match[1]}.json`, 'utf8'));
        return { body: JSON.stringify(data[match[2]] ?? {}), type: 'json' };
      } catch {
        return undefined;
      }
    },
  };
}
