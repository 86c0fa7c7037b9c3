import { css } from 'lit';

export const adminSettingsStyles = css`
  :host {
    display: block;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(11rem, 14rem) 1fr;
    gap: 1.25rem;
    align-items: start;
  }
  @media (max-width: 720px) {
    .layout {
      grid-template-columns: 1fr;
    }
  }
  [part~='nav'] {
    display: grid;
    gap: 0.15rem;
    padding: 0;
    margin: 0;
    list-style: none;
  }
  [part~='nav'] button {
    font: inherit;
    width: 100%;
    text-align: left;
    padding: 0.5rem 0.7rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    cursor: pointer;
  }
  [part~='nav'] button:hover {
    background: #f1f3f6;
  }
  [part~='nav'] button[aria-current='page'] {
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
    color: var(--_primary);
    font-weight: 600;
  }
  [part~='section'] {
    max-width: 46rem;
  }
  h2 {
    margin: 0 0 0.8rem;
    font-size: 1.2rem;
  }
  h3 {
    margin: 0 0 0.6rem;
    font-size: 1rem;
  }
  .card {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: #fff;
    margin-bottom: 1rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.45rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  th {
    font-size: 0.8rem;
    color: var(--_muted);
    font-weight: 600;
  }
  td:first-child {
    white-space: nowrap;
  }
  td.actions {
    text-align: right;
    white-space: nowrap;
  }
  .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 3px;
    vertical-align: -0.1rem;
    margin-right: 0.4rem;
    border: 1px solid rgb(0 0 0 / 0.15);
  }
  .color-field {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .color-field input[type='color'] {
    width: 3rem;
    height: 2.25rem;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #fff;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.6rem;
  }
  .buttons .spacer {
    flex: 1;
  }
  .ok {
    color: #1e5b2f;
    font-size: 0.9rem;
  }
  .token {
    padding: 0.8rem;
    border-radius: var(--_radius);
    background: #fff8e1;
    border: 1px solid #f0d37a;
  }
  .token code {
    display: block;
    margin: 0.5rem 0;
    padding: 0.5rem;
    background: #fff;
    border-radius: 4px;
    font-size: 0.9rem;
    overflow-wrap: anywhere;
    user-select: all;
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.1rem 0.8rem;
  }
  .unsaved {
    border-color: var(--_danger);
  }
`;
