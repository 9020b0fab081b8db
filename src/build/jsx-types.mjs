/**
 * Writes `dist/jsx.d.ts` (`piekritu/jsx`: `<piekritu-consent>` in React 19's JSX) and
 * `dist/vue.d.ts` (`piekritu/vue`: Vue's `GlobalComponents`), with
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

const events = (element.events ?? []).map((event) => event.name);
const handler = (name) => `on${name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase())}`;
const HEADER = '// Made from custom-elements.json by src/build/jsx-types.mjs: do not edit.';

writeFileSync(
  'dist/attributes.d.ts',
  `${HEADER}
/** The attributes of \`<piekritu-consent>\`. */
export interface PiekrituConsentAttributes {
${attributes}
}
`,
);

writeFileSync(
  'dist/jsx.d.ts',
  `${HEADER}
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PiekrituConsent } from './types/src/index.js';
import type { PiekrituConsentAttributes } from './attributes.js';

export type { PiekrituConsentAttributes };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'piekritu-consent': DetailedHTMLProps<HTMLAttributes<PiekrituConsent>, PiekrituConsent> & PiekrituConsentAttributes;
    }
  }
}
`,
);

// Vue's templates hand a component its attributes camelCased (`consent-mode` as `consentMode`).
const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
const props = element.attributes.map((attribute) => `  ${camel(attribute.name)}?: PiekrituConsentAttributes['${attribute.name}'];`).join('\n');

writeFileSync(
  'dist/vue.d.ts',
  `${HEADER}
import type { DefineComponent } from 'vue';
import type { PiekrituEventMap } from './types/src/index.js';
import type { PiekrituConsentAttributes } from './attributes.js';

export type { PiekrituConsentAttributes };

/** The attributes as a Vue template hands them over (\`consent-mode\` as \`consentMode\`). */
export interface PiekrituConsentProps {
${props}
}

/** The element's events as Vue listeners (\`@consent-change\`). */
export interface PiekrituConsentListeners {
${events.map((name) => `  ${handler(name)}?: (event: PiekrituEventMap['${name}']) => void;`).join('\n')}
}

declare module 'vue' {
  interface GlobalComponents {
    'piekritu-consent': DefineComponent<PiekrituConsentProps & PiekrituConsentListeners>;
  }
}
`,
);
