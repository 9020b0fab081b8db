/**
 * What loads after the banner: `runtime` (gating, cross-tab sync, clean-up, record
 * sending) after it, `placeholders` when an embed waits for consent, and `views` (the
 * dialogs) when first needed. The classic build swaps this file for chunks.classic.ts.
 */
export type Runtime = typeof import('./runtime.js');
export type Views = typeof import('./views.js');
export type Placeholders = typeof import('./placeholder/placeholders.js');

let runtime: Promise<Runtime> | undefined;
let views: Promise<Views> | undefined;
let placeholders: Promise<Placeholders> | undefined;

export const loadRuntime = (): Promise<Runtime> => (runtime ??= import('./runtime.js'));
export const loadViews = (): Promise<Views> => (views ??= import('./views.js'));
export const loadPlaceholders = (): Promise<Placeholders> => (placeholders ??= import('./placeholder/placeholders.js'));
