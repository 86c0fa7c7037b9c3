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
    border: 1px solid var(--tidbok-border-color, #c4c9d2);
    border-radius: var(--tidbok-radius, 6px);
    background: var(--tidbok-button-background, #fff);
    color: var(--tidbok-text-color, #1b1b1f);
    cursor: pointer;
  }
  [part~='button']:hover {
    background: var(--tidbok-button-hover-background, #f1f3f6);
  }
  [part~='button']:focus-visible,
  [part~='item']:focus-visible {
    outline: 2px solid var(--tidbok-focus-color, #1a5fb4);
    outline-offset: 2px;
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
    border: 1px solid var(--tidbok-border-color, #c4c9d2);
    border-radius: var(--tidbok-radius, 6px);
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
    color: var(--tidbok-text-color, #1b1b1f);
    cursor: pointer;
  }
  [part~='item']:hover,
  [part~='item']:focus {
    background: var(--tidbok-menu-hover-background, #e8eef8);
  }
  [part~='item'][aria-disabled='true'] {
    color: var(--tidbok-muted-color, #5c6370);
    cursor: not-allowed;
  }
  [part~='item'].danger:not([aria-disabled='true']) {
    color: var(--tidbok-danger-color, #b3261e);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .hint {
    display: block;
    font-size: 0.8em;
    color: var(--tidbok-muted-color, #5c6370);
  }
  [role='separator'] {
    height: 1px;
    margin: 0.3rem 0;
    background: var(--tidbok-border-color, #c4c9d2);
  }
`;
