import { css } from 'lit';

/**
 * Theming goes through `--piekritu-*` properties and parts only. The defaults meet
 * WCAG 2.2 AA in both themes: text ≥ 4.5:1, control boundaries ≥ 3:1, targets ≥ 24 px.
 */
export const styles = css`
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
    color-scheme: light;
  }
  :host([theme='dark']) {
    --_bg: var(--piekritu-background, #1d2025);
    --_fg: var(--piekritu-color, #f1f3f5);
    --_muted: var(--piekritu-muted, #c3c8cf);
    --_accent: var(--piekritu-accent, #8ec5ff);
    --_on-accent: var(--piekritu-accent-contrast, #0d1b2a);
    --_border: var(--piekritu-border, #9aa1ab);
    --_focus: var(--piekritu-focus, #8ec5ff);
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--piekritu-background, #1d2025);
      --_fg: var(--piekritu-color, #f1f3f5);
      --_muted: var(--piekritu-muted, #c3c8cf);
      --_accent: var(--piekritu-accent, #8ec5ff);
      --_on-accent: var(--piekritu-accent-contrast, #0d1b2a);
      --_border: var(--piekritu-border, #9aa1ab);
      --_focus: var(--piekritu-focus, #8ec5ff);
      color-scheme: dark;
    }
  }

  .banner,
  dialog,
  .status {
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 1rem;
    line-height: 1.5;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  *,
  *::before {
    box-sizing: border-box;
  }
  h2 {
    font-size: 1.2rem;
    line-height: 1.3;
    margin: 0 0 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1.25rem 0 0.5rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .notice {
    color: var(--_fg);
    border-inline-start: 0.25rem solid var(--_accent);
    padding-inline-start: 0.75rem;
  }

  .banner {
    position: fixed;
    z-index: var(--piekritu-z-index, 2147483000);
    inset-inline: 0.75rem;
    bottom: 0.75rem;
    max-width: var(--piekritu-max-width, 60rem);
    max-height: calc(100vh - 1.5rem);
    overflow: auto;
    margin-inline: auto;
    padding: 1.25rem 1.5rem;
  }
  :host([position='top']) .banner {
    bottom: auto;
    top: 0.75rem;
  }
  :host([position='bottom-start']) .banner,
  :host([position='bottom-end']) .banner {
    max-width: min(26rem, calc(100vw - 1.5rem));
  }
  :host([position='bottom-start']) .banner {
    margin-inline: 0 auto;
  }
  :host([position='bottom-end']) .banner {
    margin-inline: auto 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .banner {
      animation: rise 0.2s ease-out;
    }
    @keyframes rise {
      from {
        opacity: 0;
        transform: translateY(0.5rem);
      }
    }
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 1rem;
  }
  button,
  .link {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    cursor: pointer;
  }
  /* "Piekrītu" and "Noraidīt" share one look: refusing is as easy as accepting. */
  .choice {
    background: var(--_accent);
    color: var(--_on-accent);
    flex: 1 1 9rem;
  }
  .secondary {
    background: transparent;
    color: var(--_fg);
    flex: 1 1 9rem;
  }
  .link {
    background: transparent;
    border-color: transparent;
    color: var(--_fg);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  dialog {
    width: min(42rem, calc(100vw - 1.5rem));
    max-height: min(90vh, 60rem);
    padding: 0;
    display: flex;
    flex-direction: column;
    overflow: hidden;
  }
  dialog:not([open]) {
    display: none;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  .dialog-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 1rem 1.5rem 0.5rem;
  }
  .dialog-head h2 {
    margin: 0;
  }
  .close {
    padding: 0;
    display: inline-grid;
    place-items: center;
    background: transparent;
    color: var(--_fg);
    border-color: var(--_border);
    border-width: 1px;
    flex: none;
  }
  .dialog-body {
    overflow: auto;
    padding: 0.5rem 1.5rem;
    flex: 1 1 auto;
  }
  dialog > .actions {
    margin: 0;
    padding: 1rem 1.5rem 1.25rem;
    border-top: 1px solid var(--_border);
  }

  .categories {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .category {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .category-head {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .category-head label {
    font-weight: 600;
    flex: 1;
  }
  .always,
  .about,
  .meta {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .about {
    margin: 0.25rem 0 0;
  }
  input[role='switch'] {
    appearance: none;
    flex: none;
    margin: 0;
    width: 3rem;
    height: 1.75rem;
    border-radius: 1rem;
    border: 2px solid var(--_border);
    background: radial-gradient(circle at 0.75rem 50%, var(--_border) 0.5rem, transparent 0.55rem) var(--_bg);
    cursor: pointer;
  }
  input[role='switch']:checked {
    border-color: var(--_accent);
    background: radial-gradient(circle at calc(100% - 0.75rem) 50%, var(--_on-accent) 0.5rem, transparent 0.55rem)
      var(--_accent);
  }
  input[role='switch']:disabled {
    cursor: not-allowed;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    input[role='switch'] {
      appearance: auto;
      width: 1.5rem;
      height: 1.5rem;
    }
  }

  .policy .dialog-body {
    padding-bottom: 1.5rem;
  }
  nav ol {
    margin: 0;
    padding-inline-start: 1.5rem;
    columns: 2 14rem;
  }
  nav a,
  a {
    color: var(--_fg);
  }
  nav li {
    padding: 0.15rem 0;
  }
  .table {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.95rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_border);
  }
  @media (max-width: 32rem) {
    thead {
      position: absolute;
      clip-path: inset(50%);
      width: 1px;
      height: 1px;
      overflow: hidden;
    }
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    tr {
      border: 1px solid var(--_border);
      margin-bottom: 0.5rem;
    }
    td {
      border: 0;
    }
    td::before {
      content: attr(data-label) ': ';
      font-weight: 600;
    }
  }

  .status {
    position: fixed;
    z-index: var(--piekritu-z-index, 2147483000);
    bottom: 1rem;
    left: 50%;
    transform: translateX(-50%);
    padding: 0.75rem 1.25rem;
    max-width: calc(100vw - 2rem);
  }
  .status:empty {
    clip-path: inset(50%);
    width: 1px;
    height: 1px;
    padding: 0;
    border: 0;
    overflow: hidden;
  }
`;
