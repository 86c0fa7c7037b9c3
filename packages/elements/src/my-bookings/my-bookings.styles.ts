import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    max-width: 60rem;
  }
  .base {
    padding: 1.25em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    background: var(--_surface);
  }
  h2 {
    margin: 0 0 0.75em;
    font-size: 1.25em;
    line-height: 1.3;
  }
  h2:focus {
    outline: none;
  }
  h3 {
    margin: 1.25em 0 0.5em;
    font-size: 1em;
  }
  p {
    margin: 0 0 0.75em;
  }
  .muted {
    color: var(--_muted);
  }
  .test {
    padding: 0.5em 0.75em;
    border: 1px solid #e0b000;
    border-radius: 0.5em;
    background: #fff4ce;
    color: #1f2933;
  }
  form {
    display: grid;
    gap: 1em;
    max-width: 26rem;
  }
  form .btn {
    justify-self: start;
  }
  .notice {
    padding: 0.75em 1em;
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_subtle);
    font-weight: 600;
  }
  .notice.alert {
    border-left-color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.6em 1.25em;
  }
  .owner {
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    background: var(--_subtle);
    overflow-wrap: anywhere;
  }
  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    column-gap: 1em;
    padding: 0 1em;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .account p {
    margin: 0;
    padding: 0.6em 0;
    overflow-wrap: anywhere;
  }
  .account .muted {
    margin-left: 0.3em;
  }
  .list {
    display: grid;
    gap: 0.6em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.6em 1em;
    padding: 0.85em 1em;
    border: 1px solid var(--_border);
    border-left: 5px solid var(--_primary);
    border-radius: var(--_radius);
  }
  .item.cancelled,
  .item.no_show,
  .past .item {
    border-left-color: var(--_border);
  }
  .info {
    flex: 1 1 16em;
    min-width: 0;
  }
  .item p {
    margin: 0;
  }
  .when b {
    margin-right: 0.5em;
  }
  .when span {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .what {
    color: var(--_muted);
  }
  .status {
    margin-top: 0.2em !important;
    font-weight: 600;
  }
  .cancelled .when,
  .cancelled .what,
  .no_show .when,
  .no_show .what {
    color: var(--_muted);
  }
  .confirm,
  .move {
    flex: 1 1 100%;
    padding-top: 0.6em;
    border-top: 1px solid var(--_subtle);
  }
  .confirm p {
    margin-bottom: 0.6em;
  }
  .confirm p:focus {
    outline: none;
  }
  .danger {
    color: var(--_danger);
  }
  .empty,
  .message {
    padding: 1.25em 1em;
    border-radius: var(--_radius);
    background: var(--_subtle);
    text-align: center;
  }
  .message p {
    margin-bottom: 0.75em;
  }
  .sk.line {
    width: 50%;
    height: 2.75em;
    margin-bottom: 1em;
  }
  .sk.item {
    height: 4.5em;
  }
  @container (max-width: 480px) {
    .base {
      padding: 1em 0.75em;
    }
    .item > .btn,
    .confirm .btn,
    form .btn {
      flex: 1 1 100%;
      justify-self: stretch;
    }
  }
`;
