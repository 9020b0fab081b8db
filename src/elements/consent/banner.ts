/**
 * The first layer, drawn by one function of what it shows (`drawBanner`) through a
 * builder: DOM nodes in the browser (a dozen, no template engine on the critical path),
 * HTML on the server (`piekritu/ssr`), so both always draw the same banner. Text goes in
 * as text, never as markup.
 */
import type { Lang } from '../../core/locale.js';
import type { Translate } from '../strings.js';

/** Makes one element: tag, attributes, children (text, or what it made before). */
export type Builder<N> = (tag: string, attributes: Record<string, string>, ...children: (N | string)[]) => N;

/** A tiny element builder: DOM nodes. */
export const h: Builder<HTMLElement> = (tag, attributes, ...children) => {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]);
  node.append(...children);
  return node;
};

export interface BannerModel {
  lang: Lang;
  t: Translate;
  /** Why a stored choice was set aside ('' for a first visit). */
  renew: string;
  gpc: boolean;
  policyUrl: string | null;
}

/** What the banner's buttons do: the element's own methods. */
export interface BannerHost {
  acceptAll(): void;
  rejectAll(): void;
  show(view: 'preferences' | 'policy'): unknown;
}

/** What the banner was drawn from: when it changes the banner is drawn again (a server's banner carries it too). */
export const bannerKey = (lang: Lang, renew: string, gpc: boolean): string => `${lang} ${renew}${gpc ? ' gpc' : ''}`;

export function drawBanner<N>({ lang, t, renew, gpc, policyUrl }: BannerModel, make: Builder<N>): N {
  const button = (part: string, style: string, label: string) => make('button', { part, class: style }, t(label));
  // Why it asks again; a renew file that did not load leaves it out rather than show a key.
  const key = `banner.renew.${renew}`;
  const reason = renew && t(key) !== key ? t(key) : '';
  return make(
    'section',
    { part: 'banner', class: 'banner', role: 'region', 'aria-labelledby': 'banner-title', lang },
    make('h2', { id: 'banner-title' }, t('banner.title')),
    ...(reason ? [make('p', { class: 'notice' }, reason)] : []),
    make('p', {}, t('banner.text')),
    ...(gpc ? [make('p', { class: 'notice' }, t('banner.gpc'))] : []),
    make(
      'div',
      { class: 'actions' },
      button('accept-button', 'choice', 'action.accept'),
      button('reject-button', 'choice', 'action.reject'),
      button('preferences-button', 'secondary', 'action.preferences'),
      policyUrl ? make('a', { part: 'policy-button', class: 'link', href: policyUrl }, t('action.policy')) : button('policy-button', 'link', 'action.policy'),
    ),
  );
}

/**
 * The banner's buttons do their work, by listeners on the banner itself: on a banner just
 * drawn, or on one the page already holds (drawn by the server or the instant snippet),
 * whose nodes stay as they are. `intent`: a visitor is about to open a dialog (pointer
 * over, or focus on, "preferences" or "policy"), so it can load before the click.
 */
export function wireBanner(node: HTMLElement, host: BannerHost, intent: () => void): HTMLElement {
  const part = (event: Event) => (event.target as Element).closest('button')?.getAttribute('part') ?? '';
  node.addEventListener('click', (event) => {
    const name = part(event);
    if (name === 'accept-button') host.acceptAll();
    else if (name === 'reject-button') host.rejectAll();
    // `preferences-button`, `policy-button`
    else if (name) host.show(name.slice(0, -7) as 'preferences' | 'policy');
  });
  for (const type of ['pointerover', 'focusin']) node.addEventListener(type, (event) => /^p/.test(part(event)) && intent());
  return node;
}
