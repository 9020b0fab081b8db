/**
 * The draft declaration: the `data-piekritu-cookies` block the settings dialog lists, and
 * the `data-cookies` each gated script needs so withdrawal deletes what it set. Built
 * from what each category's run really set, keeping whatever the site already wrote.
 */
import { parseCookieDeclarations, type CookieInfo } from '../../core/policy.js';
import { cookieMatcher } from '../../core/gating.js';
import type { CookieFinding, Declaration, GatedElement } from './report.js';

const DAY = 86400;

/** "session", "30 days", "13 months", "2 years": how long a cookie lives from now. */
export function lifetime(expires: number | null, now: number): string {
  if (expires === null) return 'session';
  const days = Math.max(0, (expires - now / 1000) / DAY);
  if (days < 1) {
    const hours = Math.max(1, Math.round(days * 24));
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  if (days < 60) return Math.round(days) === 1 ? '1 day' : `${Math.round(days)} days`;
  const years = days / 365.25;
  if (days < 360 || Math.abs(years - Math.round(years)) > 0.05) return `${Math.round(days / 30.44)} months`;
  return Math.round(years) === 1 ? '1 year' : `${Math.round(years)} years`;
}

/** One entry per name: the site's own words where it wrote some, a placeholder for the purpose otherwise. */
function entry(cookie: CookieFinding, existing: CookieInfo | undefined, now: number): CookieInfo {
  return (
    existing ?? {
      name: cookie.name,
      purpose: 'TODO: what this cookie is for',
      duration: lifetime(cookie.expires, now),
      thirdParty: cookie.thirdParty ? cookie.domain.replace(/^\./, '') : false,
    }
  );
}

const describe = (element: GatedElement): string =>
  `<${element.tag} data-consent="${element.category}"${element.src ? ` src="${element.src}"` : ' (inline)'}>`;

export function draftDeclaration(input: {
  categories: string[];
  necessary: CookieFinding[];
  byCategory: Record<string, CookieFinding[]>;
  /** The page's current declaration, as parsed JSON (undefined when it has none). */
  current: unknown;
  gated: GatedElement[];
  now: number;
}): Declaration {
  const { cookies: declared } = parseCookieDeclarations(input.current);
  const known = new Map<string, CookieInfo>();
  for (const list of Object.values(declared)) for (const info of list) if (!known.has(info.name)) known.set(info.name, info);

  const table: Record<string, CookieInfo[]> = {};
  const add = (category: string, cookie: CookieFinding) => {
    const list = (table[category] ??= []);
    if (!list.some((info) => info.name === cookie.name)) list.push(entry(cookie, known.get(cookie.name), input.now));
  };
  for (const cookie of input.necessary) add('necessary', cookie);
  for (const category of input.categories) for (const cookie of input.byCategory[category] ?? []) add(category, cookie);

  // Each first-party cookie goes to the gated script that set it, else to the category's
  // first inline script, else to the category's first gated element.
  const lists = new Map<GatedElement, Set<string>>();
  const notDeletable: string[] = [];
  for (const category of input.categories) {
    const elements = input.gated.filter((element) => element.category.split(/[\s,]+/).includes(category));
    for (const cookie of input.byCategory[category] ?? []) {
      if (cookie.thirdParty) {
        notDeletable.push(`${cookie.name} (${cookie.domain})`);
        continue;
      }
      const owner =
        elements.find((element) => element.src && cookie.setBy.includes(element.src)) ??
        elements.find((element) => !element.src && element.tag === 'script') ??
        elements[0];
      if (!owner) continue;
      if (!lists.has(owner)) lists.set(owner, new Set());
      lists.get(owner)!.add(cookie.name);
    }
  }
  const scripts = input.gated
    .filter((element) => lists.has(element) || element.dataCookies !== null)
    .map((element) => {
      const names = [...(lists.get(element) ?? [])];
      const patterns = (element.dataCookies ?? '').split(/[\s,]+/).filter(Boolean);
      // Keep every pattern the site wrote (a cookie may be set only sometimes); add the names none covers.
      const missing = names.filter((name) => !cookieMatcher(patterns.join(' '))(name));
      return { element: describe(element), category: element.category, dataCookies: [...patterns, ...missing].join(' '), before: element.dataCookies };
    });
  // One cookie a line: the block stays short enough to read and to paste.
  const json = Object.entries(table)
    .map(([category, list]) => `  ${JSON.stringify(category)}: [\n${list.map((info) => `    ${JSON.stringify(info)}`).join(',\n')}\n  ]`)
    .join(',\n');
  return { block: `<script type="application/json" data-piekritu-cookies>\n{\n${json}\n}\n</script>`, scripts, notDeletable };
}
