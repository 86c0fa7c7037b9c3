import { css } from 'lit';

/** What only the settings screens of their own draw (settings-screen.ts and its subclasses): the site list, the hint, the year's heading. */
export const settingsScreenStyles = css`
  .origins {
    list-style: none;
    margin: 0 0 0.6rem;
    padding: 0;
  }
  .origins li {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.25rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .origins code {
    flex: 1;
    overflow-wrap: anywhere;
  }
  .add-row {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
  }
  .add-row .field {
    flex: 1;
  }
  .add-row .btn {
    margin-bottom: 1.4rem;
  }
  .notice {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.6rem;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_primary) 35%, var(--_surface));
  }
  .notice .btn {
    margin-left: 0.4rem;
  }
  .year-nav {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    margin-top: 1rem;
  }
  .year-nav h3 {
    margin: 0;
  }
`;
