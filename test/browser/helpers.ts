/** Shared steps of the browser tests: find things by part or role, never by class. */
import { fixture, nextFrame } from '@open-wc/testing';
import '../../src/index.js';
import type { PiekrituConsent } from '../../src/index.js';

export function clearCookies(): void {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

/** Mount `<piekritu-consent>` with attributes; resolves after its first render. */
export async function mount(attributes: Record<string, string | true> = {}): Promise<PiekrituConsent> {
  const element = document.createElement('piekritu-consent');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value === true ? '' : value);
  const mounted = await fixture<PiekrituConsent>(element);
  await mounted.updateComplete;
  return mounted;
}

export const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null =>
  element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

export function mustPart<T extends Element = HTMLElement>(element: Element, name: string): T {
  const found = part<T>(element, name);
  if (!found) throw new Error(`no part "${name}" in ${element.localName}`);
  return found;
}

export async function click(element: PiekrituConsent, partName: string): Promise<void> {
  mustPart(element, partName).click();
  await element.updateComplete;
  await nextFrame();
}

export const switchFor = (element: Element, category: string): HTMLInputElement =>
  element.shadowRoot!.querySelector<HTMLInputElement>(`input[role="switch"][name="${category}"]`)!;

/** Record console.warn calls while `work` runs. */
export async function warnings(work: () => unknown | Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await work();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** Wait until `check` is true, polling each frame (for async work such as fetch or script load). */
export async function until(check: () => boolean, what: string, frames = 300): Promise<void> {
  for (let i = 0; i < frames; i += 1) {
    if (check()) return;
    await nextFrame();
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Click a button that opens a dialog, and wait until the dialog (loaded on demand) is open. */
export async function open(element: PiekrituConsent, buttonPart: string, dialogPart: string): Promise<HTMLDialogElement> {
  mustPart(element, buttonPart).click();
  await until(() => part<HTMLDialogElement>(element, dialogPart)?.open === true, `the ${dialogPart} dialog`);
  await element.updateComplete;
  return mustPart<HTMLDialogElement>(element, dialogPart);
}
