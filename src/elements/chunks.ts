/**
 * What loads after the banner: `runtime` (gating, cross-tab sync, clean-up, record
 * sending) after it, and `views` (the dialogs and embed placeholders) when first
 * needed. The classic build swaps this file for chunks.classic.ts.
 */
export type Runtime = typeof import('./runtime.js');
export type Views = typeof import('./views.js');

let runtime: Promise<Runtime> | undefined;
let views: Promise<Views> | undefined;

export const loadRuntime = (): Promise<Runtime> => (runtime ??= import('./runtime.js'));
export const loadViews = (): Promise<Views> => (views ??= import('./views.js'));
