import { css } from 'lit';

/** The frame both dialogs share: a native modal `<dialog>` with a head, a scrolling body and a row of actions. */
export const dialogStyles = css`
  dialog {
    width: min(42rem, calc(100vw - 1.5rem));
    max-height: min(90vh, 60rem);
    padding: 0;
    display: flex;
    flex-direction: column;
    /* clip, not hidden: a contents link scrolls the body, never the dialog itself. */
    overflow: clip;
  }
  dialog:not([open]) {
    display: none;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  h3 {
    font-size: 1.05rem;
    margin: 1.25rem 0 0.5rem;
  }
  .dialog-head {
    display: flex;
    /* At 320 px a long title, "Drukāt" and the close button need not share one row. */
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 1rem 1.5rem 0.5rem;
  }
  .dialog-head h2 {
    margin: 0;
    flex: 1;
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
    /* On a row of its own it still sits at the end. */
    margin-inline-start: auto;
  }
  .dialog-body {
    overflow: auto;
    padding: 0.5rem 1.5rem;
    flex: 1 1 auto;
  }
  /* A short screen (a phone held sideways): the dialog scrolls as a whole, so what it offers shows above its buttons. */
  @media (max-height: 30rem) {
    dialog {
      overflow: auto;
      max-height: calc(100vh - 1rem);
      font-size: 0.875rem;
    }
    .dialog-head {
      padding-top: 0.5rem;
    }
    .dialog-body {
      flex: none;
      overflow: visible;
    }
  }
  .about,
  .meta {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  a {
    color: var(--_fg);
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
  /* Narrow screens: each row a card of "heading: value" lines, never a table to scroll sideways. */
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
      overflow-wrap: anywhere;
    }
    td::before {
      content: attr(data-label) ':';
      font-weight: 600;
      margin-inline-end: 0.25rem;
    }
  }
`;
