import { css } from 'lit';

export const clientCardStyles = css`
  :host {
    display: block;
    font-size: 0.9rem;
  }
  section {
    padding: 0.8rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
    color: var(--_text);
  }
  header {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h2 {
    margin: 0;
    font-size: 1.1rem;
    overflow-wrap: anywhere;
  }
  .kicker {
    display: block;
    font-size: 0.75rem;
    font-weight: 500;
    color: var(--_muted);
  }
  h3 {
    margin: 1rem 0 0.4rem;
    font-size: 0.9rem;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.2rem 0.75rem;
    margin: 0 0 0.5rem;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  dl.counts {
    grid-template-columns: repeat(auto-fit, minmax(5.5rem, 1fr));
    gap: 0.4rem;
  }
  dl.counts > div {
    padding: 0.35rem 0.5rem;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  dl.counts dd {
    font-size: 1.2rem;
    font-weight: 600;
  }
  .visits {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  .visits li {
    display: grid;
    gap: 0.1rem;
    padding: 0.35rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .when {
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    padding: 0 0.4rem;
    border-radius: 999px;
    font-size: 0.75rem;
    border: 1px solid var(--_border);
  }
  .badge.no-show,
  .badge.late {
    color: var(--_danger);
    border-color: currentColor;
  }
  .badge.paid {
    color: var(--_primary);
    border-color: currentColor;
  }
  .notes {
    white-space: pre-wrap;
    margin: 0 0 0.3rem;
    overflow-wrap: anywhere;
  }
  .hint {
    color: var(--_muted);
    margin: 0.2rem 0;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
`;
