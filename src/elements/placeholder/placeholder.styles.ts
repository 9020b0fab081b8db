/** The placeholder's own look: the theme's custom properties, like the banner. */
import { css } from '@lit/reactive-element/css-tag.js';

export const styles = css`
  :host {
    display: flex;
    box-sizing: border-box;
    flex-direction: column;
    justify-content: center;
    align-items: flex-start;
    gap: 0.75rem;
    min-height: 9rem;
    max-width: 100%;
    padding: 1.25rem;
    border: 1px solid var(--piekritu-border, #6c727c);
    border-radius: var(--piekritu-radius, 0.5rem);
    background: var(--piekritu-background, #f4f5f7);
    color: var(--piekritu-color, #1b1d21);
    color-scheme: light;
    font: 1rem/1.5 var(--piekritu-font, inherit);
  }
  p {
    margin: 0;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--piekritu-radius, 0.5rem);
    border: 2px solid var(--piekritu-accent, #0b57a4);
    background: var(--piekritu-accent, #0b57a4);
    color: var(--piekritu-accent-contrast, #ffffff);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--piekritu-focus, #0b57a4);
    outline-offset: 2px;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      border-color: var(--piekritu-border, #9aa1ab);
      background: var(--piekritu-background, #1d2025);
      color: var(--piekritu-color, #f1f3f5);
      color-scheme: dark;
    }
    button {
      border-color: var(--piekritu-accent, #8ec5ff);
      background: var(--piekritu-accent, #8ec5ff);
      color: var(--piekritu-accent-contrast, #0d1b2a);
    }
  }
`;
