import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  form {
    display: grid;
    gap: 1.1em;
  }
  .pair {
    display: grid;
    gap: 1.1em;
  }
  @container (min-width: 520px) {
    .pair {
      grid-template-columns: 1fr 1fr;
    }
  }
  .info {
    margin: 0;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_subtle);
    white-space: pre-line;
  }
  .info strong {
    display: block;
  }
  .account {
    white-space: normal;
  }
  .error {
    margin: 0;
    font-weight: 600;
  }
  .submit {
    justify-self: start;
  }
  @container (max-width: 419px) {
    .submit {
      justify-self: stretch;
    }
  }
`;
