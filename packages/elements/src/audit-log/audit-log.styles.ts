import { css } from 'lit';

export const auditLogStyles = css`
  .filters {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin-block: 0.5rem;
  }
  td.when {
    white-space: nowrap;
  }
  td .session {
    display: block;
    font-size: 0.8em;
    opacity: 0.7;
  }
`;
