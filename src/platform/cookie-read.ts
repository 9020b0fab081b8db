/**
 * Reading the consent cookie before the banner shows, without js-cookie: js-cookie (with
 * every write and removal) loads with the runtime, after the banner. The values piekritu
 * writes are plain ASCII that js-cookie stores unescaped, so both read them the same.
 */
export function readCookie(name: string): string | undefined {
  try {
    // Browsers join cookies with "; " (a value cannot hold ";").
    for (const pair of document.cookie.split('; ')) {
      const at = pair.indexOf('=');
      if (pair.slice(0, at) !== name) continue;
      const value = pair.slice(at + 1);
      try {
        return decodeURIComponent(value);
      } catch {
        return value; // not ours: the codec will refuse it, with a warning
      }
    }
  } catch {
    // document.cookie throws in sandboxed frames: no stored choice can be read.
  }
  return undefined;
}
