import { css } from 'lit';

/**
 * The receipt on screen and on paper: the print document (receipt.ts, `printDocument`) carries
 * these rules too, so what is printed is what the popup shows.
 */
export const receiptSheet = `
  .receipt { font-size: 0.85rem; line-height: 1.4; color: #111; }
  .receipt h2 { margin: 0 0 0.2rem; font-size: 1.2em; }
  .receipt .seller { margin: 0 0 0.6rem; padding-bottom: 0.4rem; border-bottom: 2px solid #111; }
  .receipt table { width: 100%; border-collapse: collapse; margin: 0 0 0.5rem; }
  .receipt th { text-align: left; font-weight: 500; padding: 0.15rem 0.4rem 0.15rem 0; }
  .receipt td, .receipt th.num { text-align: right; padding: 0.15rem 0 0.15rem 0.4rem; font-variant-numeric: tabular-nums; }
  .receipt thead th { border-bottom: 1px solid #999; }
  .receipt tr.total th, .receipt tr.total td { font-weight: 700; border-top: 1px solid #111; }
  .receipt h3 { font-size: 1em; margin: 0.6rem 0 0.2rem; }
  .receipt .void { color: #b42318; font-weight: 800; border: 2px solid #b42318; display: inline-block; padding: 0.1rem 0.5rem; }
  .receipt .vat-text { white-space: pre-wrap; margin: 0.3rem 0 0; }
`;

export const receiptStyles = css`
  :host {
    display: block;
  }
  details {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4rem 0.6rem;
    margin: 0.5rem 0;
    background: var(--_surface);
  }
  summary {
    cursor: pointer;
    font-weight: 600;
  }
  .bar {
    display: flex;
    justify-content: flex-end;
    margin-top: 0.4rem;
  }
  .hint {
    color: var(--_muted);
  }
  iframe {
    position: fixed;
    width: 0;
    height: 0;
    border: 0;
    visibility: hidden;
  }
`;
