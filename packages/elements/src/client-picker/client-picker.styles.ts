import { css } from 'lit';

export const clientPickerStyles = css`
  :host {
    display: block;
    position: relative;
  }
  .card {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #f7f9fc;
  }
  .card .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.35rem;
  }
  .card .who {
    display: grid;
    gap: 0.1rem;
    min-width: 0;
  }
  .card strong {
    overflow-wrap: anywhere;
  }
  .card .contact {
    font-size: 0.85rem;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    width: fit-content;
    padding: 0 0.4rem;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
    color: var(--_primary);
    font-size: 0.75rem;
  }
  [role='listbox'] {
    position: absolute;
    left: 0;
    right: 0;
    z-index: 20;
    max-height: 14rem;
    overflow: auto;
    margin: 2px 0 0;
    padding: 0.25rem;
    list-style: none;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
  [role='option'] {
    display: grid;
    padding: 0.35rem 0.5rem;
    border-radius: 4px;
    cursor: pointer;
  }
  [role='option'] small {
    color: var(--_muted);
  }
  [role='option'][aria-selected='true'],
  [role='option']:hover {
    background: var(--_subtle);
  }
  .status {
    padding: 0.35rem 0.5rem;
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-top: 0.4rem;
  }
  .new-client {
    padding: 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #fbfcfe;
  }
  .new-client h3 {
    margin: 0 0 0.5rem;
    font-size: 0.95rem;
  }
`;
