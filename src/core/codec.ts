/**
 * The consent cookie: one compact, versioned value a server can read with any
 * query-string parser, e.g. `v=1&id=…&t=1764057600&r=3&p=2026-11-25&g=analytics&d=marketing.preferences&s=u`.
 *
 * Decoding never throws and never trusts: anything it cannot fully validate, or a
 * format version it does not know (older or newer), is "no choice".
 */
import type { ConsentSource } from './consent.js';

export const FORMAT_VERSION = 1;
/** Browsers allow ~4 kB per cookie; ours is far below 300 bytes. Longer input is not ours. */
const MAX_INPUT = 1024;

/** What the cookie holds. Categories absent from both lists were not offered at the time. */
export interface StoredChoice {
  version: number;
  id: string;
  /** Decision time, milliseconds since the epoch (stored in whole seconds). */
  timestamp: number;
  revision: string;
  policyVersion: string;
  granted: string[];
  denied: string[];
  source: ConsentSource;
}

const ID = /^[A-Za-z0-9-]{8,64}$/;
const TOKEN = /^[A-Za-z0-9._-]{0,32}$/;
/** 19 characters at most: with 8 of them and 32-character tokens the cookie stays under 300 bytes. */
const CATEGORY = /^[a-z][a-z0-9_-]{0,18}$/;
/** Optional categories a site can offer, and a choice can name. */
export const MAX_CATEGORIES = 8;
const SECONDS = /^[0-9]{1,12}$/;
/** The fields of format 1, all required. Any other key is not ours: a newer format would say so in `v`. */
const KEYS: ReadonlySet<string> = new Set(['v', 'id', 't', 'r', 'p', 'g', 'd', 's']);

/**
 * The shapes the codec, the attribute parser and the server agree on. An optional category:
 * never `necessary`, nor named like an `Object.prototype` member ("constructor" would read
 * back as a function from a plain object).
 */
export const isCategoryName = (name: string): boolean => CATEGORY.test(name) && name !== 'necessary' && !(name in Object.prototype);
export const isToken = (value: string): boolean => TOKEN.test(value);
export const isConsentId = (value: string): boolean => ID.test(value);
/** A choice's two lists: optional category names, none twice (within or across them), at most MAX_CATEGORIES in all. */
export function fitLists(granted: readonly string[], denied: readonly string[]): boolean {
  const names = [...granted, ...denied];
  return names.length <= MAX_CATEGORIES && new Set(names).size === names.length && names.every(isCategoryName);
}

export function encode(choice: Omit<StoredChoice, 'version'>): string {
  const source = choice.source === 'gpc' ? 'g' : 'u';
  return [
    `v=${FORMAT_VERSION}`,
    `id=${choice.id}`,
    `t=${Math.floor(choice.timestamp / 1000)}`,
    `r=${choice.revision}`,
    `p=${choice.policyVersion}`,
    `g=${choice.granted.join('.')}`,
    `d=${choice.denied.join('.')}`,
    `s=${source}`,
  ].join('&');
}

const list = (value: string | undefined): string[] | null => (value === undefined ? null : value === '' ? [] : value.split('.'));

export function decode(raw: unknown): StoredChoice | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_INPUT) return null;
  // A Map, not an object: keys like "__proto__" stay plain data.
  const fields = new Map<string, string>();
  for (const pair of raw.split('&')) {
    const at = pair.indexOf('=');
    if (at < 1) return null;
    const key = pair.slice(0, at);
    if (!KEYS.has(key) || fields.has(key)) return null;
    fields.set(key, pair.slice(at + 1));
  }
  if (fields.get('v') !== String(FORMAT_VERSION)) return null;

  const id = fields.get('id') ?? '';
  const seconds = fields.get('t') ?? '';
  const revision = fields.get('r');
  const policyVersion = fields.get('p');
  const granted = list(fields.get('g'));
  const denied = list(fields.get('d'));
  const flag = fields.get('s');
  const source: ConsentSource | null = flag === 'u' ? 'user' : flag === 'g' ? 'gpc' : null;
  if (!isConsentId(id) || !SECONDS.test(seconds)) return null;
  if (revision === undefined || !isToken(revision)) return null;
  if (policyVersion === undefined || !isToken(policyVersion)) return null;
  if (!granted || !denied || !source || !fitLists(granted, denied)) return null;

  return {
    version: FORMAT_VERSION,
    id,
    timestamp: Number(seconds) * 1000,
    revision,
    policyVersion,
    granted,
    denied,
    source,
  };
}
