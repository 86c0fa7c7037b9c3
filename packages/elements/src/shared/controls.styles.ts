import { css } from 'lit';

/**
 * Form controls and buttons of the staff elements (calendar, popups, panels, settings). Colours,
 * radius and font come from the shared theme (styles.ts: list `theme` before this), so a page
 * themes the staff side with the same `--tidbok-*` properties as the booking widget.
 */
export const controlStyles = css`
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
    background: var(--_surface);
    color: inherit;
  }
  textarea {
    min-height: 3.5rem;
    resize: vertical;
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
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.3rem 0.85rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    cursor: pointer;
    white-space: nowrap;
  }
  .btn:hover:not(:disabled) {
    background: #f1f3f6;
  }
  .btn.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .btn.primary:hover:not(:disabled) {
    filter: brightness(1.1);
  }
  .btn.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  .btn.link {
    border-color: transparent;
    background: none;
    color: var(--_primary);
    padding-inline: 0.3rem;
    text-decoration: underline;
  }
  .btn:disabled {
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
