import { html, nothing, type TemplateResult } from 'lit';
import type { TidbokAdminSettings } from './admin-settings.js';
import type { Field } from './form.js';

/* The editor (a form with save, cancel and delete-after-asking) and the list with Edit buttons that the catalogue and staff sections share. */

export function renderEditor(h: TidbokAdminSettings, title: string, fields: Field[], onSave: () => void, onDelete?: () => void, deleteName = '') {
  return html`
    <form
      class="card"
      novalidate
      aria-labelledby="editor-title"
      @submit=${(e: Event) => {
        e.preventDefault();
        if (h.check(fields)) onSave();
      }}
    >
      <h3 id="editor-title">${title}</h3>
      ${fields.map((field) => h.renderField(field))} ${h.formError ? html`<p class="error" role="alert">${h.formError}</p>` : nothing}
      ${
        h.confirmingDelete && onDelete
          ? html`<div class="buttons" role="group" aria-labelledby="confirm-delete">
              <strong id="confirm-delete">${h.texts.t('confirmDelete', { name: deleteName })}</strong>
              <button class="btn danger" type="button" data-action="confirm-delete" @click=${onDelete}>${h.texts.t('delete')}</button>
              <button class="btn" type="button" @click=${() => (h.confirmingDelete = false)}>${h.texts.t('cancel')}</button>
            </div>`
          : html`<div class="buttons">
              <button class="btn primary" type="submit" ?disabled=${h.busy}>${h.busy ? h.texts.t('saving') : h.texts.t('save')}</button>
              <button class="btn" type="button" @click=${() => h.closeEditor()}>${h.texts.t('cancel')}</button>
              <span class="spacer"></span>
              ${
                onDelete && h.editing !== 'new'
                  ? html`<button class="btn danger" type="button" @click=${() => (h.confirmingDelete = true)}>${h.texts.t('delete')}</button>`
                  : nothing
              }
            </div>`
      }
    </form>
  `;
}

export function renderList<T extends { id: string; name: string }>(
  h: TidbokAdminSettings,
  items: T[],
  headers: string[],
  cells: (item: T) => (TemplateResult | string)[],
  onEdit: (item: T) => void,
  addLabel: string,
  onAdd: () => void,
) {
  return html`
    <div class="card">
      ${
        items.length === 0
          ? html`<p>${h.texts.t('none')}</p>`
          : html`<table>
              <thead>
                <tr>
                  ${headers.map((h) => html`<th scope="col">${h}</th>`)}
                  <th scope="col"><span class="sr">${h.texts.t('edit')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (item) =>
                    html`<tr>
                      ${cells(item).map((cell) => html`<td>${cell}</td>`)}
                      <td class="actions">
                        <button class="btn" type="button" aria-label=${h.texts.t('editItem', { name: item.name })} @click=${() => onEdit(item)}>
                          ${h.texts.t('edit')}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <div class="buttons">
        <button class="btn" type="button" data-action="add" @click=${onAdd}>+ ${addLabel}</button>
        ${h.message ? html`<span class="ok" role="status">${h.message}</span>` : nothing}
      </div>
    </div>
  `;
}
