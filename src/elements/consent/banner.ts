/**
 * The first layer, described by a pure function of what it shows (`bannerTree`): a dozen
 * nodes, made into DOM directly in the browser (no template engine on the critical path)
 * and into HTML by the server renderer, so both always draw the same banner. Text goes in
 * as text, never as markup.
 */
import type { Lang } from '../../core/locale.js';
import type { Translate } from '../strings.js';

/** A tiny element builder. */
export function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]);
  node.append(...children);
  return node;
}

/** An element as data: tag, attributes, children (text or elements). */
export type Tree = [tag: string, attributes: Record<string, string>, ...children: (Tree | string)[]];

/** A tree as DOM nodes. */
export const toNode = ([tag, attributes, ...children]: Tree): HTMLElement =>
  h(tag, attributes, ...children.map((child) => (typeof child === 'string' ? child : toNode(child))));

export interface BannerModel {
  lang: Lang;
  t: Translate;
  /** Why a stored choice was set aside ('' for a first visit). */
  renew: string;
  gpc: boolean;
  policyUrl: string | null;
}

export interface BannerActions {
  accept(): void;
  reject(): void;
  preferences(): void;
  policy(): void;
  /** A visitor shows intent to open a dialog (pointer over, or focus on, its button). */
  intent(): void;
}

/** What the banner was drawn from: when it changes the banner is drawn again (a server's banner carries it too). */
export const bannerKey = ({ lang, renew, gpc }: Pick<BannerModel, 'lang' | 'renew' | 'gpc'>): string =>
  `${lang} ${renew}${gpc ? ' gpc' : ''}`;

export function bannerTree({ lang, t, renew, gpc, policyUrl }: BannerModel): Tree {
  const button = (part: string, style: string, label: string): Tree => ['button', { part, class: style }, t(label)];
  // Why it asks again; a renew file that did not load leaves it out rather than show a key.
  const key = `banner.renew.${renew}`;
  const reason = renew && t(key) !== key ? t(key) : '';
  return [
    'section',
    { part: 'banner', class: 'banner', role: 'region', 'aria-labelledby': 'banner-title', lang },
    ['h2', { id: 'banner-title' }, t('banner.title')],
    ...(reason ? [['p', { class: 'notice' }, reason] as Tree] : []),
    ['p', {}, t('banner.text')],
    ...(gpc ? [['p', { class: 'notice' }, t('banner.gpc')] as Tree] : []),
    [
      'div',
      { class: 'actions' },
      button('accept-button', 'choice', 'action.accept'),
      button('reject-button', 'choice', 'action.reject'),
      button('preferences-button', 'secondary', 'action.preferences'),
      policyUrl ? ['a', { part: 'policy-button', class: 'link', href: policyUrl }, t('action.policy')] : button('policy-button', 'link', 'action.policy'),
    ],
  ];
}

/**
 * The banner's buttons do their work: on a banner just built, or on one the page already
 * holds (drawn by the server or the instant snippet), whose nodes stay as they are.
 */
export function wireBanner(node: HTMLElement, on: BannerActions): HTMLElement {
  const wire = (part: string, action: () => void, intent = false) => {
    const button = node.querySelector(`button[part="${part}"]`);
    if (!button) return;
    button.addEventListener('click', action);
    if (intent) for (const type of ['pointerenter', 'focus']) button.addEventListener(type, on.intent, { once: true });
  };
  wire('accept-button', on.accept);
  wire('reject-button', on.reject);
  wire('preferences-button', on.preferences, true);
  wire('policy-button', on.policy, true);
  return node;
}

export const buildBanner = (model: BannerModel, on: BannerActions): HTMLElement => wireBanner(toNode(bannerTree(model)), on);
