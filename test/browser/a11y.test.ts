/**
 * WCAG 2.2 AA, measured in a real Chromium: axe (wcag2a … wcag22aa) on the banner, the
 * settings and the policy in Latvian, English and Russian, light and dark; real key presses;
 * target sizes; computed contrast; reduced motion; forced colours; reflow at 320 px; 200 %
 * text and WCAG text spacing. The themed demo page (demo/themed.html, the built script) is
 * held to the same checks in an iframe.
 */
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { expect, fixtureCleanup, nextFrame } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import lvTexts from '../../locales/lv.json';
import enTexts from '../../locales/en.json';
import ruTexts from '../../locales/ru.json';
import lvPolicy from '../../locales/policy/lv.json';
import enPolicy from '../../locales/policy/en.json';
import ruPolicy from '../../locales/policy/ru.json';
import type { PiekrituConsent } from '../../src/index.js';
import { clearCookies, mount, mustPart, part, until } from './helpers.js';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

type Lang = 'lv' | 'en' | 'ru';
type Theme = 'light' | 'dark';
type View = 'banner' | 'preferences' | 'policy';

const LANGS: Lang[] = ['lv', 'en', 'ru'];
const THEMES: Theme[] = ['light', 'dark'];
const VIEWS: View[] = ['banner', 'preferences', 'policy'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const OPTIONAL = ['preferences', 'analytics', 'marketing'];

const TEXT: Record<Lang, Record<string, string>> = {
  lv: { ...lvTexts.banner, ...lvTexts.dialogs },
  en: { ...enTexts.banner, ...enTexts.dialogs },
  ru: { ...ruTexts.banner, ...ruTexts.dialogs },
};
const POLICY_TITLE: Record<Lang, string> = { lv: lvPolicy.title, en: enPolicy.title, ru: ruPolicy.title };

/** What a pointer or a keyboard can act on. */
const CONTROLS = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="switch"]';

// ---- colours --------------------------------------------------------------------------

type RGBA = [number, number, number, number];

/** A computed colour (`rgb()`/`rgba()`, as Chromium reports any sRGB colour) as numbers. */
function rgba(value: string): RGBA {
  if (value === 'transparent') return [0, 0, 0, 0];
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!match) throw new Error(`cannot read the colour ${JSON.stringify(value)}`);
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

/** `top` painted over an opaque `bottom`. */
function over(top: RGBA, bottom: RGBA): RGBA {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as RGBA;
}

function luminance([r, g, b]: RGBA): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
function contrast(a: RGBA, b: RGBA): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const styleOf = (element: Element) => element.ownerDocument.defaultView!.getComputedStyle(element);

/** The element's parent, crossing shadow roots and slots the way painting does. */
function parentOf(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  // (By shape, not instanceof: the themed page's elements come from an iframe's realm.)
  const root = element.getRootNode() as Partial<ShadowRoot>;
  return root.host ?? null;
}

/**
 * The opaque colour behind `element`'s content: its own background over its ancestors',
 * up to the top layer (a modal dialog paints over everything) or the white canvas.
 */
function surfaceOf(element: Element): RGBA {
  const chain: Element[] = [];
  for (let node: Element | null = element; node; node = parentOf(node)) {
    chain.push(node);
    if (node.localName === 'dialog' && node.matches(':modal')) break;
  }
  const canvas = rgba(styleOf(element.ownerDocument.documentElement).backgroundColor);
  let colour: RGBA = canvas[3] === 1 ? canvas : [255, 255, 255, 1];
  for (const node of chain.reverse()) colour = over(rgba(styleOf(node).backgroundColor), colour);
  return colour;
}

const visible = (element: Element) => element.checkVisibility() && element.getClientRects().length > 0;

/** Elements of a view that hold text of their own. */
function textElements(root: Element): Element[] {
  return [root, ...root.querySelectorAll('*')].filter(
    (element) =>
      visible(element) &&
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''),
  );
}

/** Each text's contrast against what is behind it: at least 4.5:1 (disabled controls are exempt). */
function textContrastFailures(root: Element, minimum = 4.5): string[] {
  return textElements(root)
    .filter((element) => !element.closest(':disabled'))
    .flatMap((element) => {
      const surface = surfaceOf(element);
      const ratio = contrast(over(rgba(styleOf(element).color), surface), surface);
      return ratio >= minimum ? [] : [`${label(element)} "${element.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1`];
    });
}

/** The first colour of a gradient (the switch's thumb). */
function firstGradientColour(image: string): RGBA | null {
  const match = /rgba?\([^)]*\)/.exec(image);
  return match ? rgba(match[0]) : null;
}

/**
 * Control boundaries (WCAG 1.4.11): a control that is told apart by a border or a fill must
 * have one at least 3:1 against the surface around it. Controls drawn as text alone (a
 * link-style button) are held to the text check instead. Switches: the track's outline
 * against the surface, and the thumb against the track, in the state they are in now.
 */
function boundaryFailures(root: Element, minimum = 3): string[] {
  const failures: string[] = [];
  for (const control of root.querySelectorAll(CONTROLS)) {
    if (!visible(control) || (control as HTMLInputElement).disabled) continue;
    const style = styleOf(control);
    const around = surfaceOf(parentOf(control)!);
    const border = rgba(style.borderTopColor);
    const hasBorder = style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0 && border[3] > 0;
    const fill = rgba(style.backgroundColor);
    const candidates = [...(hasBorder ? [over(border, around)] : []), ...(fill[3] > 0 ? [over(fill, around)] : [])];
    if (candidates.length === 0) continue;
    const best = Math.max(...candidates.map((colour) => contrast(colour, around)));
    if (best < minimum) failures.push(`${label(control)} boundary ${best.toFixed(2)}:1`);
    if (control.getAttribute('role') === 'switch') {
      const thumb = firstGradientColour(style.backgroundImage);
      const track = over(fill, around);
      const ratio = thumb ? contrast(over(thumb, track), track) : 0;
      if (ratio < minimum) failures.push(`${label(control)} thumb on track ${ratio.toFixed(2)}:1`);
      if (!hasBorder || contrast(over(border, around), around) < minimum) failures.push(`${label(control)} track outline`);
    }
  }
  return failures;
}

// ---- views ----------------------------------------------------------------------------

/** `<button accept-button>`: how a failure names an element. */
function label(element: Element): string {
  const name = element.getAttribute('part') ?? element.id ?? '';
  return `<${element.localName}${name ? ` ${name}` : ''}>`;
}

const switchOf = (element: Element, name: string) =>
  element.shadowRoot!.querySelector<HTMLInputElement>(`input[role="switch"][name="${name}"]`)!;

/** The root of a view: the banner section or the open dialog. */
function viewRoot(element: Element, view: View): HTMLElement {
  const root = part(element, view);
  if (!root) throw new Error(`no ${view} view`);
  return root;
}

/** Mount in a language and theme; resolves once the banner shows that language's texts. */
async function mountIn(lang: Lang, theme: Theme | 'auto' = 'light', attributes: Record<string, string> = {}): Promise<PiekrituConsent> {
  const element = await mount({ lang, theme, ...attributes });
  await until(() => part(element, 'accept-button')?.textContent === TEXT[lang]['action.accept'], `the ${lang} banner`);
  return element;
}

/** Open a dialog by clicking its banner button; resolves once its texts (and the policy) are in `lang`. */
async function openView(element: Element, view: View, lang: Lang): Promise<HTMLElement> {
  if (view === 'banner') return viewRoot(element, 'banner');
  mustPart(element, view === 'preferences' ? 'preferences-button' : 'policy-button').click();
  await until(() => part<HTMLDialogElement>(element, view)?.open === true, `the ${view} dialog`);
  const dialog = viewRoot(element, view);
  if (view === 'preferences') {
    await until(
      () =>
        part(element, 'save-button')?.textContent!.trim() === TEXT[lang]['action.save'] &&
        dialog.querySelector('label[for="switch-analytics"]')?.textContent === TEXT[lang]['category.analytics.label'],
      `the ${lang} settings texts`,
    );
    // Each category's cookie list open too: its table is checked with the rest.
    for (const details of dialog.querySelectorAll('details')) details.open = true;
  } else {
    await until(
      () => dialog.querySelector('h2')?.textContent === POLICY_TITLE[lang] && dialog.querySelector('table') !== null,
      `the ${lang} policy`,
    );
  }
  if ('updateComplete' in element) await (element as PiekrituConsent).updateComplete;
  await nextFrame();
  return dialog;
}

/** Close the open dialog the way Escape does (no choice). */
async function closeView(element: Element, view: View): Promise<void> {
  if (view === 'banner') return;
  part<HTMLDialogElement>(element, view)?.close();
  await until(() => part(element, view) === null && part(element, 'banner') !== null, `the ${view} dialog to close`);
}

async function axeViolations(root: Element): Promise<string[]> {
  const axe = (root.ownerDocument.defaultView as Window).axe;
  const results = await axe.run(root, { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] });
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  );
}

function targetFailures(root: Element): string[] {
  return [...root.querySelectorAll(CONTROLS)].filter(visible).flatMap((control) => {
    const { width, height } = control.getBoundingClientRect();
    return width >= 24 && height >= 24 ? [] : [`${label(control)} "${control.textContent!.trim().slice(0, 30)}" ${width.toFixed(1)}×${height.toFixed(1)}`];
  });
}

/** Controls whose content does not fit (1 px for rounding of fractional layout). */
function clippedControls(root: Element): string[] {
  return [...root.querySelectorAll(CONTROLS)].filter(visible).flatMap((control) => {
    const { scrollWidth, clientWidth, scrollHeight, clientHeight } = control;
    return scrollWidth <= clientWidth + 1 && scrollHeight <= clientHeight + 1
      ? []
      : [`${label(control)} "${control.textContent!.trim()}" ${scrollWidth}/${clientWidth} × ${scrollHeight}/${clientHeight}`];
  });
}

/** Scroll containers of a view that would scroll sideways (or, for the clipping dialog, hide content). */
function overflowFailures(root: Element, width: number): string[] {
  const failures: string[] = [];
  const doc = root.ownerDocument.documentElement;
  if (doc.scrollWidth > width) failures.push(`page scrollWidth ${doc.scrollWidth} > ${width}`);
  const boxes = [root, ...root.querySelectorAll('*')].filter(visible);
  // Visually hidden on purpose (a 1 px clipped box, e.g. the narrow table's <thead>), with all inside it.
  const hidden = boxes.filter((box) => box.getBoundingClientRect().width <= 1 && styleOf(box).clipPath !== 'none');
  for (const box of boxes) {
    if (hidden.some((outer) => outer.contains(box))) continue;
    const { overflowX } = styleOf(box);
    if (overflowX === 'visible') {
      const { left, right } = box.getBoundingClientRect();
      if (left < -1 || right > width + 1) failures.push(`${label(box)} spans ${left.toFixed(0)}…${right.toFixed(0)} px`);
    } else if (box.scrollWidth > box.clientWidth + 1) {
      failures.push(`${label(box)} scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`);
    }
  }
  return failures;
}

function keyboardFocus(element: Element): Element | null {
  return element.shadowRoot!.activeElement;
}

const partOfFocus = (element: Element) => keyboardFocus(element)?.getAttribute('part') ?? keyboardFocus(element)?.id ?? null;

let pageButton: HTMLButtonElement | undefined;
/** A page button just before the element: keyboard order starts from real page content. */
function pageButtonBefore(): HTMLButtonElement {
  pageButton = document.createElement('button');
  pageButton.textContent = 'Lapas poga';
  document.body.prepend(pageButton);
  return pageButton;
}

afterEach(async () => {
  fixtureCleanup();
  clearCookies();
  pageButton?.remove();
  pageButton = undefined;
  document.documentElement.style.removeProperty('font-size');
});

// ---- axe ------------------------------------------------------------------------------

describe('axe (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)', () => {
  for (const lang of LANGS) {
    for (const theme of THEMES) {
      it(`finds nothing on the banner, the settings and the policy: ${lang}, ${theme}`, async () => {
        const element = await mountIn(lang, theme);
        for (const view of VIEWS) {
          const root = await openView(element, view, lang);
          expect(root.lang, `${view} lang`).to.equal(lang);
          expect(await axeViolations(element), `${view} (${lang}, ${theme})`).to.deep.equal([]);
          await closeView(element, view);
        }
      });
    }
  }
});

// ---- keyboard -------------------------------------------------------------------------

describe('keyboard (real key presses)', () => {
  it('Tab goes from the content before the banner through Piekrītu, Noraidīt, Personalizēt, Vairāk info', async () => {
    const page = pageButtonBefore();
    const element = await mountIn('lv');
    page.focus();
    const order: (string | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      await sendKeys({ press: 'Tab' });
      order.push(partOfFocus(element));
    }
    expect(order).to.deep.equal(['accept-button', 'reject-button', 'preferences-button', 'policy-button']);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(partOfFocus(element)).to.equal('preferences-button');
  });

  it('Enter on Piekrītu grants everything', async () => {
    const page = pageButtonBefore();
    const element = await mountIn('lv');
    page.focus();
    await sendKeys({ press: 'Tab' });
    expect(partOfFocus(element)).to.equal('accept-button');
    await sendKeys({ press: 'Enter' });
    await until(() => element.consent.decided, 'the decision');
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: true, analytics: true, marketing: true });
  });

  it('Space on Noraidīt refuses everything optional', async () => {
    const page = pageButtonBefore();
    const element = await mountIn('lv');
    page.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(partOfFocus(element)).to.equal('reject-button');
    await sendKeys({ press: 'Space' });
    await until(() => element.consent.decided, 'the decision');
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: false, marketing: false });
  });

  it('the settings take focus, Tab cycles inside them, Escape closes them granting nothing, focus returns', async () => {
    const page = pageButtonBefore();
    const element = await mountIn('lv');
    page.focus();
    for (let i = 0; i < 3; i += 1) await sendKeys({ press: 'Tab' });
    expect(partOfFocus(element)).to.equal('preferences-button');
    await sendKeys({ press: 'Enter' });
    await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the settings');
    const dialog = viewRoot(element, 'preferences');
    await until(() => dialog.contains(keyboardFocus(element)), 'focus in the dialog');
    expect(dialog.matches(':modal')).to.equal(true);

    const focusables = [...dialog.querySelectorAll<HTMLElement>(CONTROLS)].filter((node) => visible(node) && !(node as HTMLInputElement).disabled);
    const first = keyboardFocus(element);
    const seen = new Set<Element>();
    // Twice round: after the last control focus goes back to the first (in Chromium by way of
    // the browser's own toolbar, which leaves the page's document unfocused), never to the page.
    for (let i = 0; i < 2 * (focusables.length + 1); i += 1) {
      await sendKeys({ press: 'Tab' });
      const now = keyboardFocus(element);
      if (now) {
        expect(dialog.contains(now), `Tab ${i + 1} went to ${label(now)}`).to.equal(true);
        seen.add(now);
      } else {
        expect(document.hasFocus() && document.activeElement !== document.body, `Tab ${i + 1} left for the page`).to.equal(false);
        expect(page.matches(':focus')).to.equal(false);
      }
    }
    expect(focusables.every((node) => seen.has(node)), 'every control of the dialog was reached').to.equal(true);
    expect(seen.has(first!)).to.equal(true);

    // Turn a switch on (not saved), then Escape.
    switchOf(element, 'analytics').focus();
    await sendKeys({ press: 'Space' });
    expect(switchOf(element, 'analytics').checked).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => part(element, 'preferences') === null && partOfFocus(element) === 'preferences-button', 'focus back on Personalizēt');
    expect(element.consent.decided).to.equal(false);
    expect(element.consent.categories.analytics).to.equal(false);
    expect(document.cookie).to.not.contain('piekritu=');
    expect(part(element, 'banner')!.hidden).to.equal(false);
  });

  it('switches toggle with Space, and Enter on Saglabāt izvēli saves exactly them', async () => {
    const element = await mountIn('lv');
    mustPart(element, 'preferences-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the settings');
    const analytics = switchOf(element, 'analytics');
    analytics.focus();
    await sendKeys({ press: 'Space' });
    expect(analytics.checked).to.equal(true);
    await sendKeys({ press: 'Space' });
    expect(analytics.checked).to.equal(false);
    await sendKeys({ press: 'Space' });
    expect(analytics.checked).to.equal(true);
    const necessary = switchOf(element, 'necessary');
    expect(necessary.disabled && necessary.checked).to.equal(true);
    mustPart(element, 'save-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => element.consent.decided, 'the decision');
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: true, marketing: false });
  });

  it('Vairāk info opens the policy with focus inside; Escape closes it, granting nothing, focus returns', async () => {
    const element = await mountIn('lv');
    mustPart(element, 'policy-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part<HTMLDialogElement>(element, 'policy')?.open === true, 'the policy');
    const dialog = viewRoot(element, 'policy');
    await until(() => dialog.contains(keyboardFocus(element)), 'focus in the policy');
    await sendKeys({ press: 'Escape' });
    await until(() => part(element, 'policy') === null && partOfFocus(element) === 'policy-button', 'focus back on Vairāk info');
    expect(element.consent.decided).to.equal(false);
  });
});

// ---- targets --------------------------------------------------------------------------

describe('target size (WCAG 2.5.8): every button, link and switch is at least 24×24 px', () => {
  for (const lang of LANGS) {
    it(`in every view: ${lang}`, async () => {
      const element = await mountIn(lang);
      for (const view of VIEWS) {
        const root = await openView(element, view, lang);
        expect(root.querySelectorAll(CONTROLS).length, `${view} has controls`).to.be.greaterThan(0);
        expect(targetFailures(root), view).to.deep.equal([]);
        await closeView(element, view);
      }
    });
  }
});

// ---- contrast -------------------------------------------------------------------------

/** Text, control boundaries, switches off and on, and the focus ring of the first button. */
async function contrastFailures(element: PiekrituConsent | Element, lang: Lang = 'lv'): Promise<string[]> {
  const failures: string[] = [];
  for (const view of VIEWS) {
    const root = await openView(element, view, lang);
    failures.push(...textContrastFailures(root).map((text) => `${view}: text ${text}`));
    failures.push(...boundaryFailures(root).map((text) => `${view}: ${text}`));
    if (view === 'preferences') {
      for (const name of OPTIONAL) switchOf(element, name).checked = true;
      failures.push(...boundaryFailures(root).map((text) => `${view} (switches on): ${text}`));
    }
    await closeView(element, view);
  }
  return failures;
}

/** The focus ring (outline) of a keyboard-focused banner button against the banner. */
async function focusRingFailure(element: Element, page: HTMLElement): Promise<string[]> {
  page.focus();
  await sendKeys({ press: 'Tab' });
  const focused = keyboardFocus(element)!;
  expect(focused.matches(':focus-visible')).to.equal(true);
  const style = styleOf(focused);
  const surface = surfaceOf(parentOf(focused)!);
  const ratio = contrast(over(rgba(style.outlineColor), surface), surface);
  const ok = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && ratio >= 3;
  return ok ? [] : [`focus ring ${style.outlineStyle} ${style.outlineWidth} ${ratio.toFixed(2)}:1`];
}

describe('contrast, computed: text ≥ 4.5:1, control boundaries and switches ≥ 3:1', () => {
  for (const theme of THEMES) {
    it(`${theme} theme`, async () => {
      const page = pageButtonBefore();
      const element = await mountIn('lv', theme);
      const banner = viewRoot(element, 'banner');
      // The theme really applies: a light or a dark surface.
      expect(luminance(surfaceOf(banner)) > 0.5, 'light surface').to.equal(theme === 'light');
      expect(await focusRingFailure(element, page)).to.deep.equal([]);
      expect(await contrastFailures(element)).to.deep.equal([]);
    });
  }

  it('auto theme under prefers-color-scheme: dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const element = await mountIn('lv', 'auto');
      expect(luminance(surfaceOf(viewRoot(element, 'banner'))) < 0.1, 'dark surface').to.equal(true);
      expect(await contrastFailures(element)).to.deep.equal([]);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('the checks see a failure: a grey-on-grey theme is caught', async () => {
    const element = await mountIn('lv', 'light');
    element.style.setProperty('--piekritu-color', '#999999');
    element.style.setProperty('--piekritu-accent', '#dddddd');
    const banner = viewRoot(element, 'banner');
    expect(textContrastFailures(banner)).to.not.deep.equal([]);
    expect(boundaryFailures(banner)).to.not.deep.equal([]);
  });
});

// ---- motion ---------------------------------------------------------------------------

describe('prefers-reduced-motion', () => {
  // Nothing in piekritu animates today; this keeps it so for anyone who asks for less motion.
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('with reduce: no animation or transition on the banner or the dialogs', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
    const element = await mountIn('lv');
    for (const view of VIEWS) {
      const root = await openView(element, view, 'lv');
      expect(root.getAnimations({ subtree: true }), view).to.have.length(0);
      for (const node of [root, ...root.querySelectorAll('*')]) {
        const style = styleOf(node);
        expect(style.animationName, `${view} ${label(node)} animation`).to.equal('none');
        expect(
          style.transitionDuration.split(',').every((duration) => parseFloat(duration) === 0),
          `${view} ${label(node)} transition`,
        ).to.equal(true);
      }
      await closeView(element, view);
    }
  });
});

// ---- forced colours -------------------------------------------------------------------

/** A PNG of the element's box, as the screen shows it. */
async function shot(element: Element): Promise<string> {
  element.scrollIntoView({ block: 'center' });
  await nextFrame();
  await nextFrame();
  const { x, y, width, height } = element.getBoundingClientRect();
  return executeServerCommand('screenshot-clip', {
    x: Math.floor(x + scrollX) - 2,
    y: Math.floor(y + scrollY) - 2,
    width: Math.ceil(width) + 4,
    height: Math.ceil(height) + 4,
  });
}

describe('forced colours (Windows High Contrast)', () => {
  beforeEach(() => executeServerCommand('emulate-media-features', { features: [{ name: 'forced-colors', value: 'active' }] }));
  afterEach(() => executeServerCommand('emulate-media-features', { features: [] }));

  it('every button keeps a visible border, and every switch shows whether it is on', async () => {
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const element = await mountIn('lv');
    const failures: string[] = [];
    for (const view of ['banner', 'preferences'] as View[]) {
      const root = await openView(element, view, 'lv');
      for (const button of root.querySelectorAll('button')) {
        const style = styleOf(button);
        const border = rgba(style.borderTopColor);
        const around = surfaceOf(parentOf(button)!);
        const ok =
          style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1 && contrast(over(border, around), around) >= 3;
        if (!ok) failures.push(`${view}: ${label(button)} border ${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`);
      }
    }
    expect(failures).to.deep.equal([]);
    for (const name of OPTIONAL) {
      const control = switchOf(element, name);
      control.blur();
      control.checked = false;
      const off = await shot(control);
      expect(await shot(control), 'the same state looks the same').to.equal(off);
      control.checked = true;
      const on = await shot(control);
      expect(on, `${name}: on and off look different`).to.not.equal(off);
    }
  });
});

// ---- reflow, text size, text spacing ----------------------------------------------------

describe('reflow at 320 × 640 CSS px (WCAG 1.4.10)', () => {
  before(() => setViewport({ width: 320, height: 640 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const lang of LANGS) {
    it(`no horizontal scrolling with the banner and with each dialog open: ${lang}`, async () => {
      const element = await mountIn(lang);
      expect(window.innerWidth).to.equal(320);
      for (const view of VIEWS) {
        const root = await openView(element, view, lang);
        expect(overflowFailures(root, 320), view).to.deep.equal([]);
        expect(targetFailures(root), `${view} targets`).to.deep.equal([]);
        await closeView(element, view);
      }
    });
  }
});

/** WCAG 1.4.12's spacing, as a user style sheet would set it, inside the shadow root. */
function textSpacing(element: Element): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }
  `);
  const root = element.shadowRoot!;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

describe('text resized to 200 % and WCAG text spacing (1.4.4, 1.4.12): no control text is clipped', () => {
  before(() => setViewport({ width: 1024, height: 768 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const lang of LANGS) {
    it(`200 % text: ${lang}`, async () => {
      document.documentElement.style.fontSize = '200%';
      const element = await mountIn(lang);
      expect(parseFloat(styleOf(mustPart(element, 'accept-button')).fontSize)).to.equal(32);
      for (const view of VIEWS) {
        const root = await openView(element, view, lang);
        expect(clippedControls(root), view).to.deep.equal([]);
        if (view !== 'banner') expect(root.scrollHeight <= root.clientHeight + 1, `${view}: the dialog hides nothing`).to.equal(true);
        expect(overflowFailures(root, 1024), `${view} overflow`).to.deep.equal([]);
        await closeView(element, view);
      }
    });

    it(`text spacing: ${lang}`, async () => {
      const element = await mountIn(lang);
      textSpacing(element);
      expect(styleOf(mustPart(element, 'accept-button')).letterSpacing).to.not.equal('normal');
      for (const view of VIEWS) {
        const root = await openView(element, view, lang);
        expect(clippedControls(root), view).to.deep.equal([]);
        if (view !== 'banner') expect(root.scrollHeight <= root.clientHeight + 1, `${view}: the dialog hides nothing`).to.equal(true);
        await closeView(element, view);
      }
    });
  }

  it('the clipping check sees a failure: a button too narrow for its text', async () => {
    const element = await mountIn('lv');
    const accept = mustPart(element, 'accept-button');
    accept.style.cssText = 'width: 3rem; min-width: 0; flex: none; white-space: nowrap; overflow: hidden; padding: 0';
    expect(clippedControls(viewRoot(element, 'banner'))).to.have.length(1);
  });
});

// ---- the themed demo ------------------------------------------------------------------

/** demo/themed.html (the built script) in an iframe of the given size, with axe inside it. */
async function themedPage(width = 800, height = 600): Promise<{ frame: HTMLIFrameElement; element: Element }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0; display: block`;
  frame.src = '/demo/themed.html';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const element = doc.querySelector('piekritu-consent')!;
  await until(() => element.shadowRoot?.querySelector('[part~="accept-button"]') != null, 'the themed banner (is dist/ built?)', 600);
  const script = doc.createElement('script');
  script.src = '/node_modules/axe-core/axe.min.js';
  const axeLoaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = reject;
  });
  doc.head.append(script);
  await axeLoaded;
  return { frame, element };
}

describe('the themed demo (demo/themed.html: --piekritu-* colours, dark, bottom-end box)', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('uses the site colours and sits in the bottom-end corner', async () => {
    const { frame, element } = await themedPage();
    frames.push(frame);
    const banner = viewRoot(element, 'banner');
    const host = styleOf(element);
    expect(styleOf(banner).backgroundColor).to.equal(toRgb(host.getPropertyValue('--piekritu-background')));
    expect(styleOf(mustPart(element, 'accept-button')).backgroundColor).to.equal(toRgb(host.getPropertyValue('--piekritu-accent')));
    const box = banner.getBoundingClientRect();
    expect(box.right).to.be.closeTo(element.ownerDocument.documentElement.clientWidth - 12, 1);
    expect(box.width).to.be.at.most(26 * 16 + 1);
  });

  it('axe finds nothing on the banner, the settings and the policy', async () => {
    const { frame, element } = await themedPage();
    frames.push(frame);
    for (const view of VIEWS) {
      await openView(element, view, 'lv');
      expect(await axeViolations(element), view).to.deep.equal([]);
      await closeView(element, view);
    }
  });

  it('its colours meet contrast, and every target is at least 24×24 px', async () => {
    const { frame, element } = await themedPage();
    frames.push(frame);
    expect(await contrastFailures(element)).to.deep.equal([]);
    for (const view of VIEWS) {
      const root = await openView(element, view, 'lv');
      expect(targetFailures(root), view).to.deep.equal([]);
      await closeView(element, view);
    }
  });

  it('reflows at 320 px', async () => {
    const { frame, element } = await themedPage(320, 640);
    frames.push(frame);
    for (const view of VIEWS) {
      const root = await openView(element, view, 'lv');
      expect(overflowFailures(root, 320), view).to.deep.equal([]);
      await closeView(element, view);
    }
  });
});

/** A hex colour as Chromium computes it. */
function toRgb(hex: string): string {
  const value = hex.trim().replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
