/**
 * The request's `Cookie` header, read on the server: the consent handler (on the open
 * internet), `piekritu/ssr` and the records dashboard all read it here, by one rule.
 *
 * The header is whatever the client sent, so nothing in it is trusted and nothing throws:
 * - A header is a string, or an array of them (one per header line, as Node's
 *   `headersDistinct` gives it: read in order, as Node joins them). Anything else (none,
 *   `null`, a number, an object) holds no cookie.
 * - Pairs are split at `;`; a pair's name is what stands before its first `=`, its value all
 *   after it (a value may hold more `=`). White space around either is dropped, so
 *   `a=1;piekritu = x` reads as `a=1; piekritu=x` does. A pair with no `=`, or another name
 *   (`piekritu_x`, ` piekritu2`, `PIEKRITU`: names match exactly) is passed over.
 * - A value is percent-decoded when it is valid percent-encoding, else kept as it came
 *   (`%E0%A4%A`): the codec, or a token comparison, then refuses it. Quotes are kept.
 * - Every value of the name counts, in header order: a browser sends one per scope that holds
 *   it (after a change of `cookie-domain` or `cookie-path`, or a server that set it on another
 *   one), the most specific path first. Which of them counts is the caller's rule.
 * - No object is keyed by a cookie name, so `__proto__` or `constructor` are names like any other.
 * - One pass over the header, no regular expression: the work grows with its length and no
 *   faster. How long a header may be is the HTTP server's limit (Node: 16 KiB for all headers).
 */
import { decode, type StoredChoice } from './codec.js';

/** A `Cookie` header as servers and frameworks hand it over. */
export type CookieHeader = string | readonly string[] | null | undefined;

const lines = (header: unknown): readonly unknown[] => (typeof header === 'string' ? [header] : Array.isArray(header) ? header : []);

function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Every value of cookie `name` in `header`, in header order; none for an empty or unusable `name`. */
export function cookieValues(header: CookieHeader, name: string): string[] {
  const values: string[] = [];
  if (typeof name !== 'string' || name === '') return values;
  for (const line of lines(header)) {
    if (typeof line !== 'string') continue;
    for (const pair of line.split(';')) {
      const at = pair.indexOf('=');
      if (at >= 0 && pair.slice(0, at).trim() === name) values.push(percentDecoded(pair.slice(at + 1).trim()));
    }
  }
  return values;
}

/**
 * Of several values of the consent cookie, the one holding the newest decision (`t`); of
 * equally new ones, the first. Values the codec cannot read are passed over; none readable,
 * `undefined`. The server takes the browser's current choice by it, and the browser keeps
 * that one cookie of its copies.
 *
 * Whether a decision may replace the one held is another question, answered where it is
 * asked: the cookie keeps whole seconds, so of two decisions in the same second the page
 * knows its own is the later one, and the server cannot tell.
 */
export function newestChoice(values: readonly string[]): { value: string; choice: StoredChoice } | undefined {
  let newest: { value: string; choice: StoredChoice } | undefined;
  for (const value of values) {
    const choice = decode(value);
    if (choice && (!newest || choice.timestamp > newest.choice.timestamp)) newest = { value, choice };
  }
  return newest;
}
