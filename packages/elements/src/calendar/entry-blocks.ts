import type { CalendarEntry } from '@tidbok/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Locale } from '../i18n.js';
import { clockTime } from '../shared/dates.js';
import type { TextsController } from '../shared/texts.js';
import { readableColors, tint } from './colors.js';
import type { Draft, DraftTab, EntryKind } from './events.js';
import { boxOf, type HourRange, type Placed } from './layout.js';
import type { CalendarMessageKey } from './messages.js';
import type { Lane } from './week.js';

/** What the block templates read from the calendar, handed in once per render. */
export interface BlockContext {
  /** The calendar's words (`this.texts` of `<tidbok-calendar>`). */
  texts: Pick<TextsController<CalendarMessageKey>, 't'>;
  kindName(kind: EntryKind | DraftTab): string;
  language: Locale;
  zone: string;
  range: HourRange;
  practitioners: readonly { id: string; name: string }[];
  treatmentTypes: readonly { id: string; name: string; color: string }[];
  /** Several practitioners' entries share a column: blocks say whose they are. */
  mixed: boolean;
  draft: Draft | null;
  dragId: string | null;
  isPending(id: string): boolean;
  onEntryKeydown(event: KeyboardEvent, entry: CalendarEntry): void;
  openEntry(entry: CalendarEntry): void;
}

/*
 * The templates of the calendar's blocks: bookings, activities, holds, busy time, the draft and
 * working-time bands, with their accessible names. Positions come from layout.ts.
 */
export class BlockTemplates {
  constructor(private readonly c: BlockContext) {}

  entryName(entry: CalendarEntry, start: number, end: number): string {
    const zone = this.c.zone;
    const time = `${clockTime(start, zone)}–${clockTime(end, zone)}`;
    const practitioners = this.c.practitioners;
    const practitionerName = practitioners.find((p) => p.id === entry.practitionerId)?.name ?? '';
    const forWhom = this.c.mixed && practitionerName ? ` (${practitionerName})` : '';
    switch (entry.kind) {
      case 'booking': {
        const status =
          entry.status === 'cancelled'
            ? `, ${this.c.texts.t(entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled').toLowerCase()}`
            : entry.status === 'no_show'
              ? `, ${this.c.texts.t('statusNoShow').toLowerCase()}`
              : '';
        const paid = entry.paid ? `, ${this.c.texts.t('statusPaid').toLowerCase()}` : '';
        return `${this.c.texts.t('bookingName', { time, client: entry.clientName, treatment: entry.treatmentName })}${status}${paid}${forWhom}`;
      }
      case 'activity':
        return `${this.c.texts.t('activityName', { time, title: entry.title })}${forWhom}`;
      case 'workingTime':
        return this.c.texts.t('workingTimeName', {
          time,
          practitioner: practitionerName,
          types: this.bandTypes(entry).join(', ') || this.c.texts.t('allTreatmentTypes'),
        });
      case 'hold':
        return `${this.c.texts.t('holdName', { time })}${forWhom}`;
      case 'busy':
        return `${this.c.texts.t(entry.title ? 'busyNameTitled' : 'busyName', { time, title: entry.title ?? '' })}${forWhom}`;
    }
  }

  bandTypes(entry: Extract<CalendarEntry, { kind: 'workingTime' }>): string[] {
    const names = new Map(this.c.treatmentTypes.map((tt) => [tt.id, tt.name]));
    return entry.bookableTreatmentTypeIds
      .map((id) => names.get(id))
      .filter((name): name is string => Boolean(name))
      .sort((a, b) => a.localeCompare(b, this.c.language));
  }

  initials(practitionerId: string): string {
    const name = this.c.practitioners.find((p) => p.id === practitionerId)?.name ?? '';
    return name
      .split(/\s+/)
      .map((part) => part[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase();
  }

  /**
   * A working time band. In a practitioner's own column (day view, or the week filtered on one)
   * it is a labelled background that can be moved and resized. In the week of everyone it is a
   * light shade only, full width, darker where several work at once (its name and tooltip say
   * whose it is); it is edited in the day view or the filtered week.
   */
  renderBand(placed: Placed, lane: Lane, shade: boolean) {
    const entry = placed.entry as Extract<CalendarEntry, { kind: 'workingTime' }>;
    const zone = this.c.zone;
    const name = this.entryName(entry, placed.start, placed.end);
    const practitioner = this.c.practitioners.find((p) => p.id === entry.practitionerId)?.name ?? '';
    const types = this.bandTypes(entry);
    const time = `${clockTime(placed.start, zone)}–${clockTime(placed.end, zone)}`;
    const style = boxOf(placed, shade ? { lane: 0, lanes: 1 } : lane, this.c.range);
    return html`
      <div
        part="working-time${shade ? ' shade' : ''}"
        class=${placed.outside ? 'edge-marker' : ''}
        role="button"
        tabindex="0"
        data-entry-id=${entry.id}
        data-kind="workingTime"
        aria-label=${name}
        aria-describedby="entry-help"
        aria-haspopup="dialog"
        style=${styleMap(style)}
        @keydown=${(e: KeyboardEvent) => this.c.onEntryKeydown(e, entry)}
      >
        ${
          placed.outside
            ? nothing
            : html`
                ${shade ? nothing : html`<span class="band-grip" data-handle="move">${this.c.texts.t('tabWorkingTime')} ${time}</span>`}
                <span class="tooltip" role="tooltip">
                  <strong>${practitioner} · ${time}</strong>${this.c.texts.t('bookableHere')}:
                  ${types.length ? types.join(', ') : this.c.texts.t('allTreatmentTypes')}
                </span>
                ${placed.startsHere && !shade ? html`<span class="handle start" data-handle="start"></span>` : nothing}
                ${placed.endsHere && !shade ? html`<span class="handle end" data-handle="end"></span>` : nothing}
              `
        }
      </div>
    `;
  }

  renderBlock(placed: Placed, lane: Lane, unfiltered: boolean, offset: number): TemplateResult {
    const zone = this.c.zone;
    const time = `${clockTime(placed.start, zone)}–${clockTime(placed.end, zone)}`;
    const short = placed.bottom - placed.top < 45;
    const handles = (movable: boolean) =>
      movable && !placed.outside
        ? html`${placed.startsHere ? html`<span class="handle start" data-handle="start"></span>` : nothing}${
            placed.endsHere ? html`<span class="handle end" data-handle="end"></span>` : nothing
          }`
        : nothing;
    const entry = placed.entry;
    if (!entry) {
      const draft = this.c.draft!;
      const color =
        draft.tab === 'activity'
          ? '#8e44ad'
          : draft.tab === 'workingTime'
            ? '#3a8a55'
            : (this.c.treatmentTypes.find((tt) => tt.id === draft.treatmentTypeId)?.color ?? 'var(--_primary)');
      const label = this.c.texts.t('draftName', { kind: this.c.kindName(draft.tab), time });
      return html`
        <div
          part="draft"
          class=${short ? 'short' : ''}
          tabindex="-1"
          role="img"
          aria-label=${label}
          style=${styleMap({ ...boxOf(placed, lane, this.c.range, offset), '--_color': color })}
        >
          <span class="when">${time}</span> <span class="what">${label.replace(` ${time}`, '')}</span>
          ${handles(true)}
        </div>
      `;
    }
    const classes = [
      short ? 'short' : '',
      this.c.dragId === entry.id ? 'dragging' : '',
      this.c.isPending(entry.id) ? 'pending' : '',
      placed.outside ? 'edge-marker' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const name = this.entryName(entry, placed.start, placed.end);
    const style = boxOf(placed, lane, this.c.range, offset);
    if (entry.kind === 'hold') {
      // Opened by a click (no drag: a hold is not staff's to move) or Enter.
      return html`<div
        part="entry hold"
        class=${classes}
        role="button"
        tabindex="0"
        aria-label=${name}
        aria-haspopup="dialog"
        data-entry-id=${entry.id}
        data-kind="hold"
        style=${styleMap(style)}
        @click=${() => this.c.openEntry(entry)}
        @keydown=${(e: KeyboardEvent) => this.c.onEntryKeydown(e, entry)}
      ></div>`;
    }
    // Busy time from the practitioner's own calendar: grey, hatched, and not to be opened or
    // moved (it changes only in that calendar); its title only where the practitioner allows.
    if (entry.kind === 'busy') {
      return html`<div part="entry busy" class=${classes} role="img" aria-label=${name} data-entry-id=${entry.id} data-kind="busy" style=${styleMap(style)}>
        ${placed.outside || short ? nothing : html`<span class="when">${time}</span> <span class="who">${entry.title ?? this.c.texts.t('busyLabel')}</span>`}
      </div>`;
    }
    // The practitioner's initials when everyone is shown, as CSS content: seen, but not part of
    // the text (the accessible name says the practitioner's whole name).
    const initials = unfiltered && !placed.outside ? this.initials(entry.practitionerId) : '';
    if (entry.kind === 'activity') {
      return html`
        <div
          part="entry activity"
          class=${classes}
          role="button"
          tabindex="0"
          aria-label=${name}
          aria-describedby="entry-help"
          aria-haspopup="dialog"
          data-entry-id=${entry.id}
          data-kind="activity"
          data-initials=${initials}
          style=${styleMap(style)}
          @keydown=${(e: KeyboardEvent) => this.c.onEntryKeydown(e, entry)}
        >
          ${placed.outside ? nothing : html`<span class="when">${time}</span> <span class="who">${entry.title}</span>`} ${handles(true)}
        </div>
      `;
    }
    if (entry.kind !== 'booking') return html``;
    const status = entry.status === 'cancelled' ? 'cancelled' : entry.status === 'no_show' ? 'no-show' : '';
    const badge =
      entry.status === 'cancelled'
        ? this.c.texts.t(entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled')
        : entry.status === 'no_show'
          ? this.c.texts.t('statusNoShow')
          : entry.paid
            ? this.c.texts.t('statusPaid')
            : '';
    const color = entry.color;
    const readable = readableColors(color);
    return html`
      <div
        part="entry booking${status ? ` ${status}` : ''}${entry.paid ? ' paid' : ''}"
        class=${classes}
        role="button"
        tabindex="0"
        aria-label=${name}
        aria-describedby="entry-help"
        aria-haspopup="dialog"
        data-entry-id=${entry.id}
        data-kind="booking"
        data-status=${entry.status}
        data-initials=${initials}
        style=${styleMap({ ...style, '--_color': color, '--_background': readable.background, '--_text': readable.text, '--_tint': tint(color, 0.78) })}
        @keydown=${(e: KeyboardEvent) => this.c.onEntryKeydown(e, entry)}
      >
        ${
          placed.outside
            ? nothing
            : html`<span class="when">${time}</span> <span class="who">${entry.clientName}</span>
                <span class="what">${entry.treatmentName}</span> ${badge ? html`<span class="status">${badge}</span>` : nothing}`
        }
        ${handles(true)}
      </div>
    `;
  }
}
