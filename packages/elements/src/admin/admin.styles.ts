import { css } from 'lit';

export const adminStyles = css`
  :host {
    display: block;
  }
  [hidden] {
    display: none !important;
  }
  :host([hidden]) {
    display: none;
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.5rem;
    margin-bottom: 0.9rem;
  }
  h1 {
    margin: 0;
    font-size: 1.25rem;
  }
  h1 small {
    display: block;
    font-size: 0.8rem;
    font-weight: 400;
    color: var(--_muted);
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    font: inherit;
    padding: 0.45rem 0.9rem;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    color: inherit;
    font-weight: 600;
    border-bottom-color: var(--_primary);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(12rem, 15rem) minmax(0, 1fr);
    gap: 1rem;
    align-items: start;
  }
  .layout.no-side {
    grid-template-columns: minmax(0, 1fr);
  }
  @media (max-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .side {
    display: grid;
    gap: 1rem;
    position: sticky;
    top: 0.5rem;
  }
  [part~='side-panel'] {
    padding: 0.8rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: #fafbfc;
  }
  [part~='side-panel'] h2 {
    margin: 0 0 0.6rem;
    font-size: 1rem;
  }
  dl {
    display: grid;
    gap: 0.15rem;
    margin: 0.6rem 0;
    font-size: 0.85rem;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0 0 0.3rem;
    overflow-wrap: anywhere;
  }
  .templates {
    display: grid;
    gap: 0.5rem;
  }
  .disclosure {
    justify-self: start;
    font-weight: 600;
  }
  .disclosure::before {
    content: '▸' / '';
    display: inline-block;
    width: 1em;
  }
  .disclosure[aria-expanded='true']::before {
    content: '▾' / '';
  }
  .state {
    padding: 2rem 1rem;
    color: var(--_muted);
  }
`;
