import { css } from 'lit';

/*
 * Compact, for a side panel about 280 px wide. Colours, radius and font come from the shared
 * theme (shared/styles.ts, listed before these), so the panel follows the same `--tidbok-*`
 * properties as the rest of `<tidbok-admin>` and the booking widget. Targets are at least 32 px
 * high (WCAG 2.2 AA asks for 24 px).
 */
export const templateWeeksStyles = css`
  :host {
    display: block;
    font-size: 0.875rem;
    line-height: 1.4;
  }
  [hidden] {
    display: none !important;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  p {
    margin: 0;
  }

  .base {
    display: grid;
    gap: 0.6rem;
  }
  .header {
    display: grid;
    gap: 0.1rem;
  }
  h2 {
    margin: 0;
    font-size: 1rem;
    line-height: 1.3;
  }
  .week,
  .hint,
  .meta {
    color: var(--_muted);
    font-size: 0.8rem;
  }

  /* Buttons */
  button {
    font: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.3rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font-weight: 500;
    cursor: pointer;
    text-align: center;
  }
  .btn:hover:not(:disabled):not([aria-disabled='true']) {
    background: var(--_subtle);
  }
  .btn.small {
    min-height: 2rem;
    padding: 0.2rem 0.6rem;
    font-size: 0.8125rem;
  }
  .btn.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .btn.primary:hover:not(:disabled):not([aria-disabled='true']) {
    background: var(--_primary);
    filter: brightness(0.88);
  }
  .btn.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: #fff;
  }
  .btn.danger:hover:not(:disabled):not([aria-disabled='true']) {
    background: var(--_danger);
    filter: brightness(0.88);
  }
  .btn.link {
    justify-content: flex-start;
    min-height: 2rem;
    padding: 0.2rem 0.1rem;
    border-color: transparent;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .btn.link.danger {
    color: var(--_danger);
  }
  .btn.link:hover:not(:disabled) {
    background: none;
    filter: none;
    text-decoration-thickness: 2px;
  }
  .btn:disabled,
  .btn[aria-disabled='true'],
  .menu-item:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .save {
    width: 100%;
  }

  /* The list */
  .list {
    display: grid;
    gap: 0.4rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.3rem;
    padding: 0.5rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .item-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  .item-actions [part~='paste-button'] {
    flex: 1 1 auto;
  }
  .chevron {
    display: inline-block;
    width: 0.45em;
    height: 0.45em;
    margin-inline-start: 0.1em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: translateY(-0.15em) rotate(45deg);
  }
  [aria-expanded='true'] > .chevron {
    transform: translateY(0.1em) rotate(-135deg);
  }
  .more {
    display: grid;
    padding-top: 0.25rem;
    border-top: 1px solid var(--_border);
  }
  .menu-item {
    min-height: 2rem;
    padding: 0.25rem 0.35rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    text-align: start;
    cursor: pointer;
  }
  .menu-item:hover:not(:disabled) {
    background: var(--_subtle);
  }
  .menu-item.danger {
    color: var(--_danger);
  }

  /* States */
  .state {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.6rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .spinner {
    flex: none;
    width: 0.9rem;
    height: 0.9rem;
    border: 2px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .problem {
    display: grid;
    gap: 0.35rem;
    padding: 0.5rem 0.6rem;
    border-radius: var(--_radius);
    background: #fdecea;
    color: #8c1d18;
  }
  .problem .detail {
    overflow-wrap: anywhere;
  }
  .problem .btn {
    justify-self: start;
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: 0.4rem;
    padding: 0.45rem 0.3rem 0.45rem 0.6rem;
    border-radius: var(--_radius);
    background: #e7f2ec;
    color: #14532d;
  }
  .notice.error {
    background: #fdecea;
    color: #8c1d18;
  }
  .notice p {
    flex: 1;
  }
  .dismiss {
    flex: none;
    width: 1.75rem;
    height: 1.75rem;
    margin: -0.2rem 0;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font-size: 1.1rem;
    line-height: 1;
    cursor: pointer;
  }
  .dismiss:hover {
    background: rgb(0 0 0 / 0.06);
  }
  .footer {
    padding-top: 0.4rem;
    border-top: 1px solid var(--_border);
  }

  /* Dialogs (in the top layer, so not limited by the side panel's width) */
  dialog {
    width: min(24rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: 1rem 1.1rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
    color: inherit;
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
    overflow: auto;
  }
  dialog::backdrop {
    background: rgb(20 24 31 / 0.35);
  }
  form {
    display: grid;
    gap: 0.7rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  .field > label,
  legend {
    font-size: 0.8125rem;
    font-weight: 600;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.2rem;
  }
  input:not([type='checkbox']):not([type='radio']),
  select {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.8rem;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.45rem;
    min-height: 1.75rem;
    font-weight: 400;
    cursor: pointer;
  }
  .check input {
    flex: none;
    width: 1rem;
    height: 1rem;
    margin: 0;
  }
  .field > .check {
    font-size: inherit;
    font-weight: 400;
  }
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 0.1rem 1rem;
  }
  .chosen {
    padding: 0.4rem 0.55rem;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .chosen.invalid {
    background: #fdecea;
    color: #8c1d18;
  }
  .summary {
    display: grid;
    gap: 0.35rem;
    padding: 0.5rem 0.6rem;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .skipped summary {
    min-height: 1.75rem;
    color: var(--_primary);
    cursor: pointer;
  }
  .skipped ul {
    display: grid;
    gap: 0.3rem;
    max-height: 14rem;
    margin: 0.3rem 0 0;
    padding: 0;
    overflow: auto;
    list-style: none;
  }
  .skipped li {
    display: grid;
    padding: 0.3rem 0.45rem;
    border-inline-start: 3px solid var(--_border);
    font-size: 0.8125rem;
  }
  .skipped .when {
    font-variant-numeric: tabular-nums;
  }
  .skipped .why {
    color: var(--_muted);
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.2rem;
  }
  .dialog-actions .back {
    margin-inline-end: auto;
  }
`;
