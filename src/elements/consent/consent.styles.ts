import { css } from '@lit/reactive-element';
import { tokens } from '../tokens.styles.js';

/** The banner, the frame every view shares, and the status region. */
export const styles = [
  tokens,
  css`
  .banner,
  dialog,
  .status {
    background: var(--_bg);
    color: var(--_fg);
    font-size: 1rem;
    line-height: 1.5;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  * {
    box-sizing: border-box;
  }
  h2 {
    font-size: 1.2rem;
    line-height: 1.3;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .notice {
    border-inline-start: 0.25rem solid var(--_accent);
    padding-inline-start: 0.75rem;
  }

  .banner {
    position: fixed;
    z-index: var(--piekritu-z-index, 2147483000);
    inset-inline: 0.75rem;
    bottom: 0.75rem;
    max-width: var(--piekritu-max-width, 48rem);
    max-height: calc(100vh - 1.5rem);
    overflow: auto;
    margin-inline: auto;
    padding: 1.25rem 1.5rem;
  }
  /* Under an open dialog the banner waits out of sight (it would only sit behind the backdrop). */
  .banner[hidden] {
    display: none;
  }
  :host([position='top']) .banner {
    bottom: auto;
    top: 0.75rem;
  }
  :host([position='bottom-start']) .banner,
  :host([position='bottom-end']) .banner {
    max-width: var(--piekritu-max-width, 26rem);
  }
  :host([position='bottom-start']) .banner {
    margin-inline: 0 auto;
  }
  :host([position='bottom-end']) .banner {
    margin-inline: auto 0;
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
    flex: 1 1 7rem;
  }
  .secondary,
  .link {
    flex: 1 1 auto;
  }
  .secondary {
    background: transparent;
    color: var(--_fg);
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
  /* Phones: less frame, a little smaller text, two buttons a row; the page stays in view. After the rules it narrows. */
  @media (max-width: 30rem) {
    .banner {
      padding: 0.75rem;
      font-size: 0.875rem;
      line-height: 1.4;
    }
    .banner h2 {
      font-size: 1.05rem;
    }
    .banner .actions {
      margin-top: 0.75rem;
    }
    button,
    .link {
      padding-inline: 0.5rem;
    }
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
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
`,
];
