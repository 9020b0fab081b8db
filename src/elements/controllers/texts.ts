/**
 * The element's texts, for the banner and the dialogs alike: one loader and one cache of
 * text files (`lv.banner`, `ru.dialogs`, `en.renew`), fetched once each and kept, since
 * they never change while the page lives.
 */
import type { ReactiveControllerHost } from '@lit/reactive-element';
import type { Lang } from '../../core/locale.js';
import { LOCALES_BASE } from '../../platform/assets.js';
import { LATVIAN, loadStrings, translator, type Strings, type Translate } from '../strings.js';

/** Every file ever asked for, by URL: `null` while it loads, `{}` when it could not. */
const cache = new Map<string, Strings | null>();

/** Where a text file lives: in `folder` (ending in "/"), as `<file>.json`. */
export const textFileUrl = (folder: string, file: string): string => `${folder}${file}.json`;

export class TextsController {
  /** Where the locale files are: beside the script, or the site's `locales-src`. */
  folder = LOCALES_BASE;
  /** Tables tried after the files: Latvian's bundled banner texts, and the dialogs' once they load. */
  fallback: Strings[] = [LATVIAN];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly warn: (message: string) => void,
  ) {}

  /** The files a view in `lang` needs: Latvian's `banner` and `dialogs` are bundled, unless the site brings its own. */
  files(lang: Lang, groups: string[]): string[] {
    const bundled = lang === 'lv' && this.folder === LOCALES_BASE;
    return groups.filter((group) => !bundled || group === 'renew').map((group) => `${lang}.${group}`);
  }

  /** Have all these files arrived (or failed)? Fetches those never asked for, then renders again. */
  ready(files: string[]): boolean {
    for (const file of files) {
      const url = textFileUrl(this.folder, file);
      if (cache.has(url)) continue;
      cache.set(url, null);
      void loadStrings(url).then((table) => {
        if (!table) this.warn(`piekritu: ${url} did not load; showing Latvian.`);
        cache.set(url, table ?? {});
        this.host.requestUpdate();
      });
    }
    return files.every((file) => cache.get(textFileUrl(this.folder, file)));
  }

  /** A translator over these files, then the fallbacks, then the key itself. */
  t(files: string[]): Translate {
    return translator(...files.map((file) => cache.get(textFileUrl(this.folder, file)) ?? undefined), ...this.fallback);
  }
}
