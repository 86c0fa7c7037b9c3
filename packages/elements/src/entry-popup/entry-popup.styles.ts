import { css } from 'lit';

export const entryPopupStyles = css`
  :host {
    display: contents;
  }
  [part~='dialog'] {
    position: fixed;
    z-index: 50;
    box-sizing: border-box;
    width: min(28rem, calc(100vw - 16px));
    max-height: calc(100vh - 16px);
    display: flex;
    flex-direction: column;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.22);
  }
  [part~='dialog']:focus {
    outline: none;
  }
  [part~='dialog']:focus-visible {
    outline: 2px solid var(--_primary);
  }
  header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.75rem 0.9rem 0.4rem;
    border-top: 6px solid var(--_accent, var(--_primary));
    border-radius: calc(var(--_radius) + 2px) calc(var(--_radius) + 2px) 0 0;
  }
  h2 {
    margin: 0;
    font-size: 1.05rem;
    line-height: 1.3;
  }
  .subtitle {
    margin: 0.15rem 0 0;
    font-size: 0.9rem;
    color: var(--_muted);
  }
  .status {
    display: inline-block;
    margin-top: 0.3rem;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    background: #eef1f5;
  }
  .status.cancelled,
  .status.no_show {
    background: #fdecea;
    color: #8c1d18;
  }
  .status.paid {
    background: #e6f4ea;
    color: #1e5b2f;
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    padding: 0 0.9rem;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    font: inherit;
    padding: 0.45rem 0.7rem;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    color: inherit;
    font-weight: 600;
    border-bottom-color: var(--_accent, var(--_primary));
  }
  .body {
    padding: 0.8rem 0.9rem 0.2rem;
    overflow: auto;
    flex: 1 1 auto;
    /* A flex item does not shrink below its content without this: the footer would leave the window. */
    min-height: 0;
  }
  .time {
    display: grid;
    grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr) minmax(0, 1fr);
    gap: 0.5rem;
  }
  .time .field {
    min-width: 0;
  }
  .time input {
    min-width: 0;
    padding-inline: 0.35rem;
  }
  .types {
    display: grid;
    gap: 0.1rem;
    max-height: 9rem;
    overflow: auto;
  }
  .swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 3px;
    flex: none;
  }
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 1rem;
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.6rem 0.9rem 0.8rem;
    border-top: 1px solid var(--_border);
  }
  footer .spacer {
    flex: 1;
  }
  .confirm {
    display: grid;
    gap: 0.5rem;
    width: 100%;
  }
  .confirm p {
    margin: 0;
    font-weight: 600;
  }
  .confirm .actions,
  .pay .actions {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .pay {
    width: 100%;
  }
  /* A possible duplicate client (review/define.ts): stands out from the booking's fields. */
  .notice {
    margin-top: 0.5rem;
    padding: 0.5rem 0.6rem;
    border-radius: var(--_radius);
    background: #fff4e5;
  }
  .notice p {
    margin: 0 0 0.4rem;
  }
  .confirm .consequence {
    font-weight: normal;
  }
  /* Återbud or no-show just registered: the line offering Undo. */
  .notice.undo {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    width: 100%;
    margin: 0;
  }
  .notice.undo span {
    flex: 1;
  }
`;
