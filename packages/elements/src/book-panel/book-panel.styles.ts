import { css } from 'lit';

export const bookPanelStyles = css`
  :host {
    display: contents;
  }
  [part~='dialog'] {
    position: fixed;
    z-index: 45;
    top: var(--_top, 4rem);
    right: var(--_right, 1rem);
    box-sizing: border-box;
    width: min(24rem, calc(100vw - 16px));
    max-height: calc(100vh - 5rem);
    display: flex;
    flex-direction: column;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.22);
  }
  [part~='dialog']:focus {
    outline: none;
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    padding: 0.7rem 0.9rem 0.3rem;
  }
  h2 {
    margin: 0;
    font-size: 1.05rem;
  }
  .choices {
    padding: 0.3rem 0.9rem 0;
  }
  .slots {
    padding: 0 0.9rem 0.9rem;
    overflow: auto;
    min-height: 0;
  }
  h3 {
    margin: 0.7rem 0 0.35rem;
    font-size: 0.9rem;
    text-transform: capitalize;
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='slot'] {
    font: inherit;
    display: inline-flex;
    align-items: baseline;
    gap: 0.35rem;
    min-width: 4.2rem;
    padding: 0.3rem 0.55rem;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_slot-color, var(--_primary));
    border-radius: var(--_radius);
    background: #fff;
    cursor: pointer;
    font-size: 0.9rem;
    line-height: 1.2;
  }
  [part~='slot'] small {
    color: var(--_muted);
    font-size: 0.7rem;
    font-weight: 600;
  }
  [part~='slot']:hover {
    background: var(--_subtle);
  }
  .status {
    color: var(--_muted);
    margin: 0.6rem 0;
  }
  .more {
    margin-top: 0.8rem;
  }
`;
