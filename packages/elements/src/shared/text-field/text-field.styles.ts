import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  label {
    display: block;
    font-weight: 600;
  }
  .hint {
    display: block;
    margin-top: 0.2em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  input,
  textarea {
    display: block;
    width: 100%;
    min-height: 44px;
    margin-top: 0.3em;
    padding: 0.55em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  textarea {
    min-height: 5.5em;
    resize: vertical;
  }
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 0;
    border-color: var(--_primary);
  }
  :host(:state(invalid):state(touched)) :is(input, textarea) {
    border-color: var(--_danger);
  }
  .error {
    margin: 0.3em 0 0;
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
`;
