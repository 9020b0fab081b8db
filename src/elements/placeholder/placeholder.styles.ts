/** The placeholder's own look: from the same `--_*` tokens as the banner (`tokens.styles.ts`, adopted before this sheet). */
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
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
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
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
