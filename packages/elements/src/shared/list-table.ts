import { html, nothing } from 'lit';

export interface ListTable {
  /** `data-table`, where tests or styles tell the tables of one box apart. */
  name?: string;
  /** The column headings. */
  columns: string[];
  /** A last column of buttons: its heading, read only by screen readers. */
  actions?: string;
  /** One `<tr>` each. */
  rows: unknown;
}

/**
 * Why: the staff settings boxes list their things (sessions, tokens, keys, deliveries) in the
 * same table: column headings, maybe a last column of buttons whose heading only screen readers
 * hear, one row each. Written once here; each box renders its own rows.
 */
export const renderListTable = (t: ListTable) =>
  html`<table data-table=${t.name ?? nothing}>
    <thead>
      <tr>
        ${t.columns.map((column) => html`<th scope="col">${column}</th>`)}
        ${t.actions === undefined ? nothing : html`<th scope="col"><span class="sr">${t.actions}</span></th>`}
      </tr>
    </thead>
    <tbody>
      ${t.rows}
    </tbody>
  </table>`;
