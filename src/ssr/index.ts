/**
 * Server rendering and the instant snippet: the banner as HTML, in the page's first bytes.
 *
 * - `renderHead()` — the `<head>` stub (see `stub.ts`): reads the consent cookie before the
 *   first frame, hides the banner for a visitor whose choice counts, and pushes Google
 *   Consent Mode's default at once.
 * - `renderElement()` — `<piekritu-consent>` with a declarative shadow root holding the first
 *   layer and its styles, drawn by the same function and from the same styles as the
 *   element's own; for a visitor whose choice counts, the bare element (no banner markup).
 *
 * The element's script then takes over those nodes as they are (no second drawing).
 * Node only; no DOM needed.
 */
import { createHash } from 'node:crypto';
import { decode } from '../core/codec.js';
import { parseBootConfig, type BootConfig } from '../core/config.js';
import { contextOf, renewReason, voidReason } from '../core/consent.js';
import { cookieValues, type CookieHeader } from '../core/cookie-header.js';
import { resolveLang, type Lang } from '../core/locale.js';
import { bannerKey, drawBanner, type Builder } from '../elements/consent/banner.js';
import { styles } from '../elements/consent/consent.styles.js';
import { translator } from '../elements/strings.js';
import lv from '../../locales/lv.json';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { version as BUNDLED_POLICY_VERSION } from '../../locales/policy/lv.json';
import { STUB } from './stub.js';

export { STUB };
export type { CookieHeader };

/** An attribute's value: a string or number as is, `true` for a bare attribute, `false`/`null`/`undefined` for none. */
export type AttributeValue = string | number | boolean | null | undefined;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface HeadOptions {
  /** The element's attributes (`cookie-name`, `revision`, `cookie-days`, `policy-version`, `consent-mode`, …): the stub reads the cookie as the element will. */
  attributes?: Attributes;
  /** Shorthand for the `consent-mode` attribute. */
  consentMode?: boolean;
  /** The page's CSP nonce; without one, allow the stub by its hash (`CSP_HASHES.script`). */
  nonce?: string;
}

export interface ElementOptions {
  /** `lv`, `en` or `ru` (regional tags fall back); default: `attributes.lang`, else `lv`. */
  lang?: string;
  /** The request's `Cookie` header (or its lines): no banner markup for a visitor whose stored choice counts. */
  cookieHeader?: CookieHeader;
  /** The element's attributes, as they go on the tag. */
  attributes?: Attributes;
  /** The request's Global Privacy Control signal (`Sec-GPC: 1`): the banner says it is honoured. */
  gpc?: boolean;
  /** The page's CSP nonce, put on the shadow root's `<style>`; without one, allow it by `CSP_HASHES.style`. */
  nonce?: string;
  /** The time to judge the stored choice by (milliseconds); default: now. */
  now?: number;
}

const TEXTS: Record<Lang, Record<string, Record<string, string>>> = { lv, en, ru };

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;

function attributesOf(attributes: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (!ATTRIBUTE_NAME.test(name)) {
      console.warn(`piekritu/ssr: ${JSON.stringify(name)} is not an attribute name; left out.`);
      continue;
    }
    out += value === true ? ` ${name}` : ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

/** Markup made by `toHtml` (text children are escaped, markup ones are not). */
interface Markup {
  html: string;
}

/** The builder the element draws its banner with, making HTML the way the browser serialises the same nodes (`outerHTML`). */
export const toHtml: Builder<Markup> = (tag, attributes, ...children) => ({
  html: `<${tag}${attributesOf(attributes)}>${children.map((child) => (typeof child === 'string' ? escapeText(child) : child.html)).join('')}</${tag}>`,
});

/** Warned once per message, like the element. */
const warned = new Set<string>();
const warn = (message: string): void => {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
};

const configOf = (attributes: Attributes): BootConfig =>
  parseBootConfig((name) => {
    const value = attributes[name];
    return value === false || value === null || value === undefined ? null : value === true ? '' : String(value);
  }, warn);

/**
 * The value of cookie `name` in a `Cookie` header (a string, or one per header line), read as
 * the browser-side reader and the stub read `document.cookie`: the first value of the name,
 * percent-decoded where valid. The element's first drawing is judged by that one, so the
 * server's markup is the element's own.
 */
export function cookieFrom(header: CookieHeader, name: string): string | undefined {
  return cookieValues(header, name)[0];
}

/** The shadow root's styles: the element's own, and the rule by which the stub hides the banner. */
export const INSTANT_CSS = `${styles.map((style) => style.cssText).join('\n')}\n.banner[data-instant]{display:var(--piekritu-instant,block)}`;

const sha256 = (text: string): string => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/** Sources for a strict Content-Security-Policy without a nonce: `script-src` and `style-src`. */
export const CSP_HASHES: Readonly<{ script: string; style: string }> = { script: sha256(STUB), style: sha256(INSTANT_CSS) };

/** The `<head>` stub: as early in `<head>` as it can go, before any tag that reads `dataLayer`. */
export function renderHead({ attributes = {}, consentMode, nonce }: HeadOptions = {}): string {
  const config = configOf(consentMode === undefined ? attributes : { ...attributes, 'consent-mode': consentMode });
  const data: Attributes = {
    nonce,
    'data-cookie': config.cookieName,
    'data-revision': config.revision,
    'data-policy': config.policyVersion || BUNDLED_POLICY_VERSION,
    'data-days': config.cookieDays,
    'data-consent-mode': config.consentMode,
    'data-wait': config.consentMode ? config.consentModeWait : undefined,
    'data-region': config.consentMode && config.consentModeRegion.length > 0 ? config.consentModeRegion.join(' ') : undefined,
  };
  return `<script${attributesOf(data)}>${STUB}</script>`;
}

/** `<piekritu-consent>` for this request: with the first layer in a declarative shadow root, or bare for a visitor who decided. */
export function renderElement({ lang: asked, cookieHeader, attributes = {}, gpc = false, nonce, now = Date.now() }: ElementOptions = {}): string {
  const config = configOf(attributes);
  const own = asked ?? (typeof attributes.lang === 'string' ? attributes.lang : null);
  const lang = resolveLang(own, [], warn);
  const tag = `<piekritu-consent${attributesOf({ ...attributes, lang })}>`;
  const ctx = contextOf(config, config.policyVersion || BUNDLED_POLICY_VERSION, gpc);
  const stored = decode(cookieFrom(cookieHeader, config.cookieName));
  const reason = stored ? voidReason(stored, ctx, now, config.cookieDays) : null;
  if (stored && reason === null) return `${tag}</piekritu-consent>`;
  const renew = renewReason(reason);
  const { banner, renew: renewTexts } = TEXTS[lang];
  const t = translator(banner, renewTexts, lv.banner);
  // The element's own banner, marked with what it was drawn from: the element keeps it when that is what it would draw.
  const marked: Builder<Markup> = (tag, attributes, ...children) =>
    toHtml(tag, tag === 'section' ? { ...attributes, 'data-instant': bannerKey(lang, renew, ctx.gpc) } : attributes, ...children);
  const { html } = drawBanner({ lang, t, renew, gpc: ctx.gpc, policyUrl: config.policyUrl }, marked);
  return `${tag}<template shadowrootmode="open"><style${attributesOf({ nonce })}>${INSTANT_CSS}</style>${html}</template></piekritu-consent>`;
}
