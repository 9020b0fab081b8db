/**
 * The element's texts, for the banner, the dialogs and the placeholders alike: one loader
 * and one cache of text files (`lv.banner`, `ru.dialogs`, `en.renew`), had once each and
 * kept, since they never change while the page lives. Where a file comes from is
 * `platform/assets.ts`'s business: a module behind a literal `import()` in the ES build
 * (an app's bundler sees it), a file beside the script in the classic build, or the
 * site's own folder (`locales-src`). A file that cannot be had warns there, naming its URL.
 */
import type { ReactiveControllerHost } from '@lit/reactive-element';
import type { Lang } from '../../core/locale.js';
import { LATVIAN, loadStrings, translator, type Strings, type Translate } from '../strings.js';

/** Every file ever asked for, by where it comes from: `null` while it loads, `{}` when it could not. */
const cache = new Map<string, Strings | null>();

/** The cache key of a text file: the site's folder (`''`: the package's files) and its name. */
const textFileKey = (localesSrc: string, file: string): string => `${localesSrc}${file}`;

export class TextsController {
  /** The site's own folder of text files (`locales-src`, ending in "/"); `''`: the package's files. */
  localesSrc = '';
  /** Tables tried after the files: Latvian's bundled banner texts, and the dialogs' once they load. */
  fallback: Strings[] = [LATVIAN];

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The files a view in `lang` needs: Latvian's `banner` and `dialogs` are bundled, unless the site brings its own. */
  files(lang: Lang, groups: string[]): string[] {
    const bundled = lang === 'lv' && !this.localesSrc;
    return groups.filter((group) => !bundled || group === 'renew').map((group) => `${lang}.${group}`);
  }

  /** Have all these files arrived (or failed)? Loads those never asked for, then renders again. */
  ready(files: string[]): boolean {
    const { localesSrc } = this;
    for (const file of files) {
      const key = textFileKey(localesSrc, file);
      if (cache.has(key)) continue;
      cache.set(key, null);
      void loadStrings(file, localesSrc).then((table) => {
        cache.set(key, table ?? {});
        this.host.requestUpdate();
      });
    }
    return files.every((file) => cache.get(textFileKey(localesSrc, file)));
  }

  /** A translator over these files, then the fallbacks, then the key itself. */
  t(files: string[]): Translate {
    return translator(...files.map((file) => cache.get(textFileKey(this.localesSrc, file)) ?? undefined), ...this.fallback);
  }
}
