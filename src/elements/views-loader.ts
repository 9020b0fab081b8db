/** Loads the dialogs on demand. The classic build swaps this file for views-loader.classic.ts. */
export type Views = typeof import('./views.js');

let pending: Promise<Views> | undefined;

export const loadViews = (): Promise<Views> => (pending ??= import('./views.js'));
