import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    max-width: 60rem;
  }
  .base {
    padding: 1.25em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    background: var(--_surface);
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }
  h2:focus {
    outline: none;
  }
  h3 {
    margin: 0 0 0.4em;
    font-size: 1em;
  }
  p {
    margin: 0 0 0.75em;
  }
  .steps {
    display: flex;
    gap: 0.25em;
    margin: 0 0 1.25em;
    padding: 0;
    list-style: none;
    counter-reset: step;
    font-size: 0.875em;
  }
  .steps li {
    flex: 1 1 0;
    min-width: 0;
    white-space: nowrap;
    padding-top: 0.4em;
    border-top: 4px solid var(--_subtle);
    color: var(--_muted);
    counter-increment: step;
  }
  .steps li::before {
    content: counter(step) '. ';
  }
  .steps .on {
    border-color: var(--_primary);
    color: var(--_text);
    font-weight: 600;
  }
  .choices {
    display: grid;
    gap: 0.6em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .choice {
    display: grid;
    align-content: start;
    gap: 0.2em;
    width: 100%;
    height: 100%;
    min-height: 5.5em;
    padding: 0.85em 1em;
    border: 1px solid var(--_border);
    border-left: 5px solid var(--c, var(--_primary));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  .choice:hover {
    border-color: var(--_primary);
    background: var(--_subtle);
  }
  .choice b {
    font-size: 1.05em;
  }
  .meta,
  .muted,
  dt {
    color: var(--_muted);
  }
  .desc {
    font-size: 0.9em;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    column-gap: 1em;
    margin-bottom: 0.75em;
  }
  .summary {
    margin-bottom: 1em;
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .summary b,
  dd span {
    display: block;
  }
  .hold {
    margin: 0.5em 0 0;
    font-variant-numeric: tabular-nums;
  }
  .hold::before {
    content: '';
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-right: 0.5em;
    border-radius: 50%;
    background: var(--_primary);
  }
  .ending::before {
    background: var(--_danger);
  }
  .notice {
    padding: 0.75em 1em;
    border-left: 4px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_subtle);
    font-weight: 600;
  }
  .message {
    padding: 1.5em 1em;
    text-align: center;
  }
  dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.4em 1.25em;
    margin: 1em 0;
  }
  dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  dd span {
    font-weight: 400;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6em;
  }
  .danger {
    color: var(--_danger);
  }
  .cancel {
    margin: 1.25em 0 0.5em;
    padding-top: 1em;
    border-top: 1px solid var(--_subtle);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    column-gap: 1em;
    margin: -0.75em 0 0;
  }
  .top > :last-child {
    margin-left: auto;
  }
  tidbok-my-bookings::part(base) {
    padding: 0;
    border: 0;
  }
  .sk.line {
    width: 40%;
    height: 1.6em;
    margin-bottom: 1em;
  }
  .sk.card {
    height: 5.5em;
  }
  @container (min-width: 640px) {
    .choices {
      grid-template-columns: 1fr 1fr;
    }
  }
  @container (max-width: 480px) {
    .base {
      padding: 1em 0.75em;
    }
    /* Only the current step keeps its name; the others their number. */
    .steps [aria-current='step'] {
      flex-grow: 3;
    }
    .steps li:not([aria-current='step']) span {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    dl {
      grid-template-columns: minmax(0, 1fr);
      row-gap: 0;
    }
    dd {
      margin-bottom: 0.5em;
    }
  }
`;
