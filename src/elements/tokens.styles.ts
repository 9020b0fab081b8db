import { css } from '@lit/reactive-element';

/** The dark theme's defaults: for `theme="dark"`, and for `auto` in a dark colour scheme. */
const dark = css`
  --_bg: var(--piekritu-background, #1d2025);
  --_fg: var(--piekritu-color, #f1f3f5);
  --_muted: var(--piekritu-muted, #c3c8cf);
  --_accent: var(--piekritu-accent, #8ec5ff);
  --_on-accent: var(--piekritu-accent-contrast, #0d1b2a);
  --_border: var(--piekritu-border, #9aa1ab);
  --_focus: var(--piekritu-focus, #8ec5ff);
  color-scheme: dark;
`;

/**
 * The one sheet of colours and shapes, light and dark: every view reads `--_*` tokens made
 * here from the `--piekritu-*` properties a site sets. Theming goes through those and parts
 * only. The defaults meet WCAG 2.2 AA in both themes: text ≥ 4.5:1, control boundaries
 * ≥ 3:1, targets ≥ 24 px. `theme="light"`/`"dark"` on the host wins over the system's.
 */
export const tokens = css`
  :host {
    --_bg: var(--piekritu-background, #ffffff);
    --_fg: var(--piekritu-color, #1b1d21);
    --_muted: var(--piekritu-muted, #4a4f57);
    --_accent: var(--piekritu-accent, #0b57a4);
    --_on-accent: var(--piekritu-accent-contrast, #ffffff);
    --_border: var(--piekritu-border, #6c727c);
    --_focus: var(--piekritu-focus, #0b57a4);
    --_radius: var(--piekritu-radius, 0.5rem);
    --_shadow: var(--piekritu-shadow, 0 -0.25rem 1.5rem rgb(0 0 0 / 0.18));
    display: contents;
    font-family: var(--piekritu-font, inherit);
    /* A page's overflow-wrap would break "Personalizēt" inside a narrow button. */
    overflow-wrap: normal;
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
`;
