import { css } from 'lit';

export const styles = css`
  /* Narrow first (one day at a time, the week's buttons last, near the thumb); wide below. */
  :host {
    display: flex;
    flex-direction: column;
    container-type: inline-size;
  }
  .nav {
    order: 1;
    margin-top: 0.75em;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  .nav h3 {
    margin: 0;
    font-size: 1em;
    text-align: center;
  }
  .nav small {
    display: block;
    color: var(--_muted);
    font-weight: 400;
  }
  .arrow {
    width: 44px;
    padding: 0;
    font-size: 1.3em;
    line-height: 1;
  }
  .note {
    margin: 0.5em 0 0;
    color: var(--_muted);
    font-size: 0.875em;
    text-align: center;
  }
  .strip {
    display: flex;
    gap: 0.25em;
    margin-top: 0.5em;
  }
  .strip .btn {
    flex: 1;
    flex-direction: column;
    gap: 0;
    min-width: 0;
    padding: 0.3em 0;
    font-size: 0.8em;
  }
  .e {
    color: var(--_muted);
  }
  .days {
    margin-top: 0.75em;
    min-height: 12em;
  }
  .day:not(.on),
  .day-name {
    display: none;
  }
  .day-name {
    font-size: 0.875em;
  }
  b {
    display: block;
    text-transform: capitalize;
  }
  .times {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
  }
  .slot {
    min-width: 4em;
    min-height: 44px;
    padding: 0.35em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }
  .slot:hover {
    border-color: var(--_primary);
    background: var(--_subtle);
  }
  .slot[aria-busy='true'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .none {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .sk.slot {
    display: block;
    border: 0;
  }
  .status {
    margin: 0.75em 0 0;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_subtle);
    text-align: center;
  }
  /* 44 px targets where fingers tap; a mouse does well with less (WCAG 2.5.8 asks 24 px). */
  @media (pointer: fine) {
    .slot {
      min-height: 36px;
    }
  }
  @container (min-width: 560px) {
    .nav {
      order: 0;
      margin: 0;
    }
    .strip {
      display: none;
    }
    .days {
      display: grid;
      grid-template-columns: repeat(7, minmax(0, 1fr));
      gap: 0.35em;
    }
    .day:not(.on),
    .day-name {
      display: block;
    }
    .day-name {
      padding: 0 0 0.25em;
      text-align: center;
    }
    .times {
      flex-direction: column;
    }
    .slot {
      min-width: 0;
      width: 100%;
    }
    .none {
      padding: 0;
      text-align: center;
    }
  }
`;
