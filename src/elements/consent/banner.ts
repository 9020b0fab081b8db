/**
 * The first layer, built from what it shows: a dozen DOM nodes made directly, so no
 * template engine sits on the critical path. Text goes in as text, never as markup.
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

export function buildBanner({ lang, t, renew, gpc, policyUrl }: BannerModel, on: BannerActions): HTMLElement {
  const button = (part: string, style: string, label: string, action: () => void, intent = false) => {
    const node = h('button', { part, class: style }, t(label));
    node.addEventListener('click', action);
    if (intent) for (const type of ['pointerenter', 'focus']) node.addEventListener(type, on.intent, { once: true });
    return node;
  };
  // Why it asks again; a renew file that did not load leaves it out rather than show a key.
  const key = `banner.renew.${renew}`;
  const reason = renew && t(key) !== key ? t(key) : '';
  return h(
    'section',
    { part: 'banner', class: 'banner', role: 'region', 'aria-labelledby': 'banner-title', lang },
    h('h2', { id: 'banner-title' }, t('banner.title')),
    ...(reason ? [h('p', { class: 'notice' }, reason)] : []),
    h('p', {}, t('banner.text')),
    ...(gpc ? [h('p', { class: 'notice' }, t('banner.gpc'))] : []),
    h(
      'div',
      { class: 'actions' },
      button('accept-button', 'choice', 'action.accept', on.accept),
      button('reject-button', 'choice', 'action.reject', on.reject),
      button('preferences-button', 'secondary', 'action.preferences', on.preferences, true),
      policyUrl
        ? h('a', { part: 'policy-button', class: 'link', href: policyUrl }, t('action.policy'))
        : button('policy-button', 'link', 'action.policy', on.policy, true),
    ),
  );
}
