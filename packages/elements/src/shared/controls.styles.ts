import { css } from 'lit';

/**
 * Form controls and buttons shared by the staff elements (calendar, popups, panels, settings),
 * themed through the same `--tidbok-*` properties.
 */
export const controlStyles = css`
  :host {
    --_border: var(--tidbok-border-color, #c4c9d2);
    --_focus: var(--tidbok-focus-color, #1a5fb4);
    --_primary: var(--tidbok-primary-color, #1a5fb4);
    --_primary-text: var(--tidbok-primary-text-color, #fff);
    --_muted: var(--tidbok-muted-color, #5c6370);
    --_danger: var(--tidbok-danger-color, #b3261e);
    --_radius: var(--tidbok-radius, 6px);
    font-family: var(--tidbok-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--tidbok-text-color, #1b1b1f);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 0.7rem;
  }
  .field > label,
  .field > .label,
  legend {
    font-size: 0.85rem;
    font-weight: 600;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 0.7rem;
    min-width: 0;
  }
  input:not([type='checkbox']):not([type='radio']):not([type='color']),
  select,
  textarea {
    font: inherit;
    box-sizing: border-box;
    width: 100%;
    min-height: 2.25rem;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #fff;
    color: inherit;
  }
  textarea {
    min-height: 3.5rem;
    resize: vertical;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.45rem;
    padding: 0.15rem 0;
    font-size: 0.95rem;
  }
  .check input {
    width: 1.05rem;
    height: 1.05rem;
    margin: 0;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
    gap: 0.5rem;
  }
  .hint {
    margin: 0.1rem 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .error {
    margin: 0.4rem 0;
    padding: 0.45rem 0.6rem;
    border-radius: var(--_radius);
    background: #fdecea;
    color: #8c1d18;
    font-size: 0.9rem;
  }
  .field-error {
    font-size: 0.8rem;
    color: #8c1d18;
  }
  button {
    font: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.3rem 0.85rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #fff;
    color: inherit;
    cursor: pointer;
    white-space: nowrap;
  }
  .button:hover:not(:disabled) {
    background: #f1f3f6;
  }
  .button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_primary-text);
  }
  .button.primary:hover:not(:disabled) {
    background: #174f95;
  }
  .button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  .button.link {
    border-color: transparent;
    background: none;
    color: var(--_primary);
    padding-inline: 0.3rem;
    text-decoration: underline;
  }
  .button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    cursor: pointer;
    font-size: 1.2rem;
    line-height: 1;
  }
  .icon-button:hover {
    background: #f1f3f6;
  }
`;
