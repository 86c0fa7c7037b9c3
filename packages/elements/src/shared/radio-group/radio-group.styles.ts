import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.3em;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 44px;
    padding: 0.4em 0.9em 0.4em 0.7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  label:has(:checked) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  input {
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--_primary);
  }
`;
