/**
 * Placeholders of blocked embeds. A page with a gated `<iframe>` needs them at start, but
 * not the dialogs: they load on their own, a chunk of the ES module build and
 * `piekritu-placeholders.min.js` beside the classic script.
 */
import { grantedOf, type Consent } from '../../core/consent.js';
import { requiredBy } from '../../core/gating.js';
import { format, type Lang } from '../../core/locale.js';
import { categoryLabel, type Translate } from '../strings.js';
import dialogs from '../../../locales/lv.dialogs.json';
import { PiekrituPlaceholder, tagName } from './placeholder.component.js';
import './define.js';

/** What the placeholders may read and do; the element implements it. */
export interface PlaceholderHost {
  readonly consent: Consent;
  /** Save a selection: the one-click allow, on top of the current choice. */
  save(categories: string[]): void;
}

/**
 * Put placeholders before the blocked embeds, and take away those whose embed may now load.
 * `dialogT`: the element's dialog texts (its one loader and cache of text files).
 */
export function placehold(root: Document, blocked: readonly HTMLElement[], dialogT: Translate, lang: Lang, host: PlaceholderHost): void {
  const waiting = new Set(blocked);
  for (const placeholder of root.querySelectorAll(tagName)) {
    if (placeholder.embed && waiting.has(placeholder.embed)) continue;
    placeholder.embed?.style.removeProperty('display');
    placeholder.remove();
  }
  // Latvian's placeholder texts come with this chunk: the dialogs' may not be here yet.
  const t: Translate = (key, values = {}) => {
    const text = dialogT(key, values);
    return text !== key ? text : format(dialogs[key] ?? key, values);
  };
  for (const embed of blocked) {
    let placeholder = embed.previousElementSibling as PiekrituPlaceholder | null;
    if (!(placeholder instanceof PiekrituPlaceholder) || placeholder.embed !== embed) {
      placeholder = root.createElement(tagName);
      placeholder.embed = embed;
      const width = embed.getAttribute('width');
      const height = embed.getAttribute('height');
      if (width) placeholder.style.width = /^\d+$/.test(width) ? `${width}px` : width;
      if (height && /^\d+$/.test(height)) placeholder.style.minHeight = `${height}px`;
      embed.before(placeholder);
      embed.style.display = 'none';
    }
    const required = requiredBy(embed.getAttribute('data-consent'));
    const category = required.map((name) => categoryLabel(t, name)).join(', ');
    placeholder.lang = lang;
    placeholder.show(t('placeholder.text', { category }), t('placeholder.allow', { category }), () =>
      host.save([...grantedOf(host.consent.categories), ...required]),
    );
  }
}
