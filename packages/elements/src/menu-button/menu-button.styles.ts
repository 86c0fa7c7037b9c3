import { css } from 'lit';

export const menuButtonStyles = css`
  :host {
    position: relative;
    display: inline-block;
  }
  [part~='button'] {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.3rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  [part~='button']:hover {
    background: var(--_subtle);
  }
  .caret {
    font-size: 0.7em;
  }
  [part~='menu'] {
    position: absolute;
    top: calc(100% + 4px);
    left: 0;
    z-index: 30;
    min-width: 17rem;
    max-width: 24rem;
    padding: 0.3rem;
    margin: 0;
    list-style: none;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
  :host([align='end']) [part~='menu'] {
    left: auto;
    right: 0;
  }
  :host([direction='up']) [part~='menu'] {
    top: auto;
    bottom: calc(100% + 4px);
  }
  [part~='menu'][hidden] {
    display: none;
  }
  [part~='item'] {
    font: inherit;
    display: block;
    width: 100%;
    text-align: left;
    padding: 0.45rem 0.65rem;
    border: 0;
    border-radius: 4px;
    background: none;
    color: var(--_text);
    cursor: pointer;
  }
  [part~='item']:hover,
  [part~='item']:focus {
    background: var(--_subtle);
  }
  [part~='item'][aria-disabled='true'] {
    color: var(--_muted);
    cursor: not-allowed;
  }
  [part~='item'].danger:not([aria-disabled='true']) {
    color: var(--_danger);
  }
  .hint {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
  }
  [role='separator'] {
    height: 1px;
    margin: 0.3rem 0;
    background: var(--_border);
  }
`;
