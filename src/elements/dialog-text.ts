/**
 * The texts of what opens after the banner (the dialogs and the embed placeholders): the
 * `dialogs` group of each language's file. Latvian is bundled here; another language's
 * file is fetched once and kept (immutable data, shared by every element on the page).
 */
import { format, type Lang } from '../core/locale.js';
import { loadStrings, type Strings, type Translate } from './strings.js';
import dialogs from '../../locales/lv.dialogs.json';

/** What a dialog text needs of the element. */
export interface TextHost {
  /** The element's own (banner) texts. */
  readonly t: Translate;
  readonly lang: Lang;
  /** The site's own folder of text files (`locales-src`); `''`: the package's files. */
  readonly localesSrc: string;
  /** Render again (texts arrived). */
  refresh(): void;
}

const texts: Record<string, Strings | Promise<unknown>> = {};

/** Which dialog texts the host needs: `''` for the bundled Latvian ones, unless the site brings its own. */
const sourceOf = ({ lang, localesSrc }: TextHost): string => (lang === 'lv' && !localesSrc ? '' : `${localesSrc}${lang}.dialogs`);

/** Resolves once the host's dialog texts are here (at once when they are bundled or loaded). */
export async function dialogTextLoaded(host: TextHost): Promise<void> {
  dialogText(host);
  await texts[sourceOf(host)];
}

/** A translator for the dialogs: their texts in the host's language, the host's (banner) texts, then Latvian. */
export function dialogText(host: TextHost): Translate {
  const src = sourceOf(host);
  if (src && texts[src] === undefined) {
    texts[src] = loadStrings(`${host.lang}.dialogs`, host.localesSrc).then((loaded) => {
      texts[src] = loaded ?? {};
      host.refresh();
    });
  }
  const own = src ? texts[src] : dialogs;
  const table = own instanceof Promise ? undefined : own;
  return (key, values = {}) => {
    const text = table?.[key];
    if (text !== undefined) return format(text, values);
    const fromHost = host.t(key, values);
    return fromHost !== key ? fromHost : format(dialogs[key] ?? key, values);
  };
}
