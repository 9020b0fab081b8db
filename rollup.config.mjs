import { readFileSync, readdirSync } from 'node:fs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** In the source tree the locales sit two folders up; in dist/ they sit beside the bundle. */
const distLayout = {
  name: 'piekritu-dist-layout',
  transform(code, id) {
    if (!id.endsWith('src/platform/assets.ts')) return null;
    return { code: code.replace("'../../locales/'", "'./locales/'"), map: null };
  },
};

/** The locale files travel beside the scripts: the policy is fetched from there when opened. */
const locales = {
  name: 'piekritu-locales',
  generateBundle() {
    for (const folder of ['locales', 'locales/policy']) {
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
        const source = JSON.stringify(JSON.parse(readFileSync(`${folder}/${file}`, 'utf8')));
        this.emitFile({ type: 'asset', fileName: `${folder}/${file}`, source });
      }
    }
  },
};

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, outDir: 'dist', declaration: false });
const jsonData = () => json({ preferConst: true, compact: true });

export default [
  {
    input: 'src/piekritu.ts',
    output: { file: 'dist/piekritu.min.js', format: 'iife', sourcemap: true },
    plugins: [
      distLayout,
      jsonData(),
      resolve(),
      ts(),
      terser({ ecma: 2021, module: false, compress: { passes: 2 }, format: { comments: false } }),
      locales,
    ],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/piekritu.js', format: 'es', sourcemap: true },
    external: (id) => id === 'lit' || id.startsWith('lit/') || id === 'js-cookie',
    plugins: [distLayout, jsonData(), ts()],
  },
];
