import type { Staff } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { describeError } from '../shared/describe-error.js';
import { reportError } from '../shared/errors.js';
import { formatStamp } from '../shared/dates.js';
import type { TidbokAdminSettings } from './admin-settings.js';
import { renderEditor } from './editor.js';
import { type Field, text } from './form.js';

/* The Staff section: people, their roles and sign-in invitations, with the access boxes below. */

export function renderStaff(h: TidbokAdminSettings) {
  const practitionerOptions = [{ value: '', label: h.texts.t('noPractitioner') }, ...h.practitioners.map((p) => ({ value: p.id, label: p.name }))];
  const fields: Field[] = [
    { name: 'name', label: h.texts.t('name'), kind: 'text', required: true },
    { name: 'email', label: h.texts.t('email'), kind: 'email' },
    {
      name: 'role',
      label: h.texts.t('role'),
      kind: 'select',
      options: [
        { value: 'practitioner', label: h.texts.t('rolePractitioner') },
        { value: 'reception', label: h.texts.t('roleReception') },
        { value: 'admin', label: h.texts.t('roleAdmin') },
      ],
    },
    { name: 'practitionerId', label: h.texts.t('linkedPractitioner'), kind: 'select', options: practitionerOptions },
  ];
  const token = h.newToken;
  const tokenBox = token
    ? html`<div class="card token" role="status">
        <p>${h.texts.t('tokenOnce', { name: token.name })}</p>
        <code>${token.token}</code>
        <div class="buttons">
          <button class="btn" type="button" @click=${() => void navigator.clipboard?.writeText(token.token).then(() => (h.message = h.texts.t('copied')))}>
            ${h.texts.t('copy')}
          </button>
          <button class="btn primary" type="button" @click=${() => (h.newToken = null)}>${h.texts.t('done')}</button>
        </div>
      </div>`
    : nothing;
  const existing = h.editing && h.editing !== 'new' ? h.staff.find((s) => s.id === h.editing) : undefined;
  if (existing) {
    return renderEditor(
      h,
      existing.name,
      fields,
      () => {
        const f = h.form;
        void h.save(() =>
          h.connection!.admin!.staff.update(existing.id, {
            name: text(f.name).trim(),
            email: text(f.email).trim() || null,
            role: f.role === 'admin' || f.role === 'reception' ? f.role : 'practitioner',
            practitionerId: text(f.practitionerId) || null,
          }),
        );
      },
      () => void h.save(() => h.connection!.admin!.staff.remove(existing.id), h.texts.t('staffRemoved', { name: existing.name })),
      existing.name,
    );
  }
  if (h.editing === 'new') {
    return renderEditor(h, h.texts.t('newStaff'), fields, () => {
      const f = h.form;
      void (async () => {
        if (h.busy) return;
        h.busy = true;
        h.formError = '';
        try {
          const created = await h.connection!.admin!.staff.create({
            name: text(f.name).trim(),
            email: text(f.email).trim() || null,
            role: f.role === 'admin' || f.role === 'reception' ? f.role : 'practitioner',
            practitionerId: text(f.practitionerId) || null,
          });
          h.closeEditor();
          await h.load();
          // Shown with the list that already has the new person in it.
          h.newToken = { name: created.staff.name, token: created.token };
        } catch (error) {
          h.fail(error);
        } finally {
          h.busy = false;
        }
      })();
    });
  }
  return html`
    <p class="hint">${h.texts.t('staffHint')}</p>
    ${tokenBox} ${renderStaffTable(h)}
    <!-- Their own elements (staff-access/), registered with the admin elements. -->
    <tidbok-integration-keys locale=${h.locale}></tidbok-integration-keys>
    <tidbok-staff-access locale=${h.locale}></tidbok-staff-access>
  `;
}

/** Sends a person their one-time sign-in link and says where it went, or why it could not. */
export async function invite(h: TidbokAdminSettings, person: Staff) {
  if (!person.email) {
    h.message = h.texts.t('inviteNeedsEmail', { name: person.name });
    return;
  }
  h.message = '';
  try {
    const sent = await h.connection!.admin!.staff.invite(person.id);
    const until = formatStamp(sent.expiresAt, h.locale, 'long');
    h.message = h.texts.t('invited', { email: sent.email, until });
  } catch (error) {
    h.message = describeError(error, h.locale).message;
    reportError(h, 'settings-staff-invite', error);
  }
}

/** Each person with Edit (role, practitioner link, removal) and Invite (a sign-in link by e-mail). */
export function renderStaffTable(h: TidbokAdminSettings) {
  const names = new Map(h.practitioners.map((p) => [p.id, p.name]));
  return html`
    <div class="card">
      ${
        h.staff.length === 0
          ? html`<p>${h.texts.t('none')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${h.texts.t('name')}</th>
                  <th scope="col">${h.texts.t('email')}</th>
                  <th scope="col">${h.texts.t('role')}</th>
                  <th scope="col">${h.texts.t('linkedPractitioner')}</th>
                  <th scope="col"><span class="sr">${h.texts.t('edit')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${h.staff.map(
                  (s) =>
                    html`<tr>
                      <td>${s.name}</td>
                      <td>${s.email ?? ''}</td>
                      <td>${h.texts.t(s.role === 'admin' ? 'roleAdmin' : s.role === 'reception' ? 'roleReception' : 'rolePractitioner')}</td>
                      <td>${s.practitionerId ? (names.get(s.practitionerId) ?? '') : ''}</td>
                      <td class="actions">
                        <button
                          class="btn"
                          type="button"
                          aria-label=${h.texts.t('editItem', { name: s.name })}
                          @click=${() => h.edit(s.id, { name: s.name, email: s.email ?? '', role: s.role, practitionerId: s.practitionerId ?? '' })}
                        >
                          ${h.texts.t('edit')}
                        </button>
                        <button class="btn" type="button" aria-label=${h.texts.t('inviteItem', { name: s.name })} @click=${() => void invite(h, s)}>
                          ${h.texts.t('invite')}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <div class="buttons">
        <button class="btn" type="button" data-action="add" @click=${() => h.edit('new', { name: '', email: '', role: 'practitioner', practitionerId: '' })}>
          + ${h.texts.t('newStaff')}
        </button>
        ${h.message ? html`<span class="ok" role="status">${h.message}</span>` : nothing}
      </div>
    </div>
  `;
}
