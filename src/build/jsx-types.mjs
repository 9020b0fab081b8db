/**
 * Writes `dist/jsx.d.ts` (`piekritu/jsx`): `<piekritu-consent>` in React 19's JSX, with
 * every attribute the element documents. Made from custom-elements.json (itself made from
 * the element's JSDoc), so the typing cannot drift from the element.
 *
 *   node src/build/jsx-types.mjs   (the build runs it after the manifest)
 */
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const element = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.customElement && declaration.tagName === 'piekritu-consent');
if (!element) throw new Error('custom-elements.json declares no <piekritu-consent>');

const typeOf = (text = 'string') => (text === 'number' ? 'number | string' : text);
const attributes = element.attributes
  .map((attribute) => `  /** ${(attribute.description ?? '').replace(/\*\//g, '*\\/')} */\n  '${attribute.name}'?: ${typeOf(attribute.type?.text)};`)
  .join('\n');

writeFileSync(
  'dist/jsx.d.ts',
  `// Made from custom-elements.json by src/build/jsx-types.mjs: do not edit.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PiekrituConsent } from './types/src/index.js';

/** The attributes of \`<piekritu-consent>\`. */
export interface PiekrituConsentAttributes {
${attributes}
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'piekritu-consent': DetailedHTMLProps<HTMLAttributes<PiekrituConsent>, PiekrituConsent> & PiekrituConsentAttributes;
    }
  }
}
`,
);
