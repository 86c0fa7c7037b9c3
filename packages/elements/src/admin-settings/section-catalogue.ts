import { html } from 'lit';
import type { TidbokAdminSettings } from './admin-settings.js';
import { renderEditor, renderList } from './editor.js';
import { cents, type Field, money, numberOf, text } from './form.js';

/* The catalogue sections: treatment types, practitioners (with their own boxes) and locations. */

export function renderTreatmentTypes(h: TidbokAdminSettings) {
  const currency = h.treatmentTypes[0]?.currency ?? 'SEK';
  const fields: Field[] = [
    { name: 'name', label: h.texts.t('name'), kind: 'text', required: true },
    { name: 'description', label: h.texts.t('description'), kind: 'textarea' },
    { name: 'durationMinutes', label: h.texts.t('duration'), kind: 'number', required: true },
    { name: 'clientMinutes', label: h.texts.t('clientMinutes'), kind: 'number', hint: h.texts.t('clientMinutesHint') },
    { name: 'color', label: h.texts.t('color'), kind: 'color' },
    { name: 'price', label: h.texts.t('price', { currency }), kind: 'number' },
    { name: 'vatPercent', label: h.texts.t('vat'), kind: 'number' },
    { name: 'onlineBookable', label: h.texts.t('onlineBookable'), kind: 'checkbox' },
    { name: 'confirmationText', label: h.texts.t('confirmationText'), kind: 'textarea' },
    { name: 'smsText', label: h.texts.t('smsText'), kind: 'textarea' },
  ];
  if (h.editing) {
    const existing = h.treatmentTypes.find((tt) => tt.id === h.editing);
    const body = () => {
      const f = h.form;
      const duration = numberOf(f.durationMinutes!);
      const client = text(f.clientMinutes).trim() ? numberOf(f.clientMinutes!) : duration;
      return {
        name: text(f.name).trim(),
        description: text(f.description),
        durationMinutes: duration,
        clientMinutes: client,
        color: text(f.color),
        priceCents: text(f.price).trim() ? cents(f.price!) : 0,
        vatPercent: text(f.vatPercent).trim() ? numberOf(f.vatPercent!) : 0,
        onlineBookable: f.onlineBookable === true,
        confirmationText: text(f.confirmationText),
        smsText: text(f.smsText),
      };
    };
    return renderEditor(
      h,
      existing ? existing.name : h.texts.t('newTreatmentType'),
      fields,
      () => {
        const b = body();
        if (b.clientMinutes > b.durationMinutes) {
          h.errors = { clientMinutes: h.texts.t('clientLongerThanDuration') };
          return;
        }
        const admin = h.connection!.admin!;
        void h.save(() => (existing ? admin.treatmentTypes.update(existing.id, b) : admin.treatmentTypes.create(b)));
      },
      existing ? () => void h.save(() => h.connection!.admin!.treatmentTypes.remove(existing.id), h.texts.t('deleted')) : undefined,
      existing?.name,
    );
  }
  return renderList(
    h,
    h.treatmentTypes,
    [h.texts.t('name'), h.texts.t('duration'), h.texts.t('price', { currency }), h.texts.t('onlineBookable')],
    (tt) => [
      html`<span class="swatch" style="background:${tt.color}" aria-hidden="true"></span>${tt.name}`,
      h.texts.t('minutesShort', { minutes: tt.durationMinutes }),
      money(tt.priceCents),
      tt.onlineBookable ? h.texts.t('onlineYes') : h.texts.t('onlineNo'),
    ],
    (tt) =>
      h.edit(tt.id, {
        name: tt.name,
        description: tt.description,
        durationMinutes: String(tt.durationMinutes),
        clientMinutes: String(tt.clientMinutes),
        color: tt.color,
        price: money(tt.priceCents),
        vatPercent: String(tt.vatPercent),
        onlineBookable: tt.onlineBookable,
        confirmationText: tt.confirmationText,
        smsText: tt.smsText,
      }),
    h.texts.t('newTreatmentType'),
    () => h.edit('new', { name: '', durationMinutes: '60', clientMinutes: '', color: '#2e86ab', price: '', vatPercent: '0', onlineBookable: true }),
  );
}

export function renderPractitioners(h: TidbokAdminSettings) {
  const fields: Field[] = [
    { name: 'name', label: h.texts.t('name'), kind: 'text', required: true },
    { name: 'title', label: h.texts.t('titleField'), kind: 'text' },
    { name: 'email', label: h.texts.t('email'), kind: 'email' },
    { name: 'cancellationWindowHours', label: h.texts.t('ownCancellationWindow'), kind: 'number', hint: h.texts.t('ownCancellationWindowHint') },
    {
      name: 'treatmentTypeIds',
      label: h.texts.t('practitionerTreatmentTypes'),
      kind: 'checkboxes',
      options: h.treatmentTypes.map((tt) => ({ value: tt.id, label: tt.name, color: tt.color })),
    },
  ];
  if (h.editing) {
    const existing = h.practitioners.find((p) => p.id === h.editing);
    const editor = renderEditor(
      h,
      existing ? existing.name : h.texts.t('newPractitioner'),
      fields,
      () => {
        const f = h.form;
        const body = {
          name: text(f.name).trim(),
          title: text(f.title).trim() || null,
          email: text(f.email).trim() || null,
          cancellationWindowHours: text(f.cancellationWindowHours).trim() ? numberOf(f.cancellationWindowHours!) : null,
          treatmentTypeIds: Array.isArray(f.treatmentTypeIds) ? f.treatmentTypeIds : [],
        };
        const admin = h.connection!.admin!;
        void h.save(() => (existing ? admin.practitioners.update(existing.id, body) : admin.practitioners.create(body)));
      },
      existing ? () => void h.save(() => h.connection!.admin!.practitioners.remove(existing.id), h.texts.t('deleted')) : undefined,
      existing?.name,
    );
    // Their own elements (calendar-subscription.ts, busy-calendar.ts), registered with the admin elements.
    return existing
      ? html`${editor}<tidbok-calendar-subscription
            locale=${h.locale}
            practitioner-id=${existing.id}
            practitioner-name=${existing.name}
          ></tidbok-calendar-subscription
          ><tidbok-busy-calendar locale=${h.locale} practitioner-id=${existing.id} practitioner-name=${existing.name}></tidbok-busy-calendar>`
      : editor;
  }
  const names = new Map(h.treatmentTypes.map((tt) => [tt.id, tt.name]));
  return renderList(
    h,
    h.practitioners,
    [h.texts.t('name'), h.texts.t('titleField'), h.texts.t('practitionerTreatmentTypes')],
    (p) => [
      p.name,
      p.title ?? '',
      p.treatmentTypeIds
        .map((id) => names.get(id) ?? '')
        .filter(Boolean)
        .join(', '),
    ],
    (p) =>
      h.edit(p.id, {
        name: p.name,
        title: p.title ?? '',
        email: p.email ?? '',
        cancellationWindowHours: p.cancellationWindowHours === null ? '' : String(p.cancellationWindowHours),
        treatmentTypeIds: [...p.treatmentTypeIds],
      }),
    h.texts.t('newPractitioner'),
    () => h.edit('new', { name: '', title: '', email: '', cancellationWindowHours: '', treatmentTypeIds: [] }),
  );
}

export function renderLocations(h: TidbokAdminSettings) {
  const fields: Field[] = [
    { name: 'name', label: h.texts.t('name'), kind: 'text', required: true },
    { name: 'address', label: h.texts.t('address'), kind: 'textarea' },
  ];
  if (h.editing) {
    const existing = h.locations.find((l) => l.id === h.editing);
    return renderEditor(
      h,
      existing ? existing.name : h.texts.t('newLocation'),
      fields,
      () => {
        const body = { name: text(h.form.name).trim(), address: text(h.form.address).trim() || null };
        const admin = h.connection!.admin!;
        void h.save(() => (existing ? admin.locations.update(existing.id, body) : admin.locations.create(body)));
      },
      existing ? () => void h.save(() => h.connection!.admin!.locations.remove(existing.id), h.texts.t('deleted')) : undefined,
      existing?.name,
    );
  }
  return renderList(
    h,
    h.locations,
    [h.texts.t('name'), h.texts.t('address')],
    (l) => [l.name, l.address ?? ''],
    (l) => h.edit(l.id, { name: l.name, address: l.address ?? '' }),
    h.texts.t('newLocation'),
    () => h.edit('new', { name: '', address: '' }),
  );
}
