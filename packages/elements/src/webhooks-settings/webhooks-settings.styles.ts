import { css } from 'lit';

/** What <tidbok-webhooks-settings> adds to the settings screens' styles. */
export const webhooksSettingsStyles = css`
  .endpoints {
    list-style: none;
    margin: 0 0 0.8rem;
    padding: 0;
    display: grid;
    gap: 0.8rem;
  }
  .endpoint {
    padding: 0.7rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .endpoint-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  .url {
    overflow-wrap: anywhere;
    font-size: 0.9rem;
  }
  .badge {
    font-size: 0.8rem;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: #e6f4ea;
    color: #1e5b2f;
  }
  .badge.failing {
    background: #fde8e8;
    color: #8a1c1c;
  }
  .badge.disabled {
    background: #f1f3f6;
    color: var(--_muted);
  }
  .detail {
    margin-top: 0.8rem;
  }
  h4 {
    margin: 0.6rem 0 0.4rem;
    font-size: 0.95rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 0.8rem;
  }
`;
