import type { CalendarEntry } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { formatLocalDate } from '../shared/format.js';
import type { BlockContext, BlockTemplates } from './entry-blocks.js';
import { clockTime, wallClock } from './week.js';

/** What the list needs: the block context plus the day shown. */
export interface DayListContext extends Pick<BlockContext, 't' | 'language' | 'zone' | 'practitioners'> {
  day: string;
  entries: readonly CalendarEntry[];
  templates: BlockTemplates;
  openEntry(entry: CalendarEntry): void;
}

/**
 * The calendar on a phone: the shown day as a list (working time first, then every booking,
 * activity and hold in time order, with whose it is), since seven columns of times do not fit a
 * narrow screen. Each row opens the entry's popup, as a block does in the grid. Moving and
 * resizing are the grid's (a wider screen); the popup still changes the time.
 */
export function renderDayList(c: DayListContext) {
  const zone = c.zone;
  const ofDay = c.entries.filter((e) => wallClock(Date.parse(e.start), zone).date === c.day).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const name = (id: string) => c.practitioners.find((p) => p.id === id)?.name ?? '';
  const working = ofDay.filter((e) => e.kind === 'workingTime');
  const items = ofDay.filter((e) => e.kind !== 'workingTime');
  const time = (e: CalendarEntry) => `${clockTime(Date.parse(e.start), zone)}–${clockTime(Date.parse(e.end), zone)}`;
  return html`
    <section class="day-list" aria-labelledby="day-list-title">
      <h3 id="day-list-title">${formatLocalDate(c.day, c.language, { weekday: 'long', day: 'numeric', month: 'long' })}</h3>
      ${
        working.length
          ? html`<p class="working">${c.t('tabWorkingTime')}: ${working.map((w, i) => html`${i ? ', ' : ''}${name(w.practitionerId)} ${time(w)}`)}</p>`
          : nothing
      }
      ${
        items.length === 0
          ? html`<p class="empty-day">${c.t('emptyDay')}</p>`
          : html`<ul>
              ${items.map((entry) => {
                const label = c.templates.entryName(entry, Date.parse(entry.start), Date.parse(entry.end));
                const who = name(entry.practitionerId);
                const body =
                  entry.kind === 'booking'
                    ? html`<strong>${entry.clientName}</strong> ${entry.treatmentName}`
                    : entry.kind === 'activity'
                      ? html`<strong>${entry.title}</strong>`
                      : entry.kind === 'busy'
                        ? html`${entry.title ?? c.t('busyLabel')}`
                        : html`${c.t('holdLabel')}`;
                const row = html`<span class="when">${time(entry)}</span><span class="what">${body}</span><span class="who">${who}</span>`;
                return html`<li data-kind=${entry.kind} style=${entry.kind === 'booking' ? `--_color:${entry.color}` : ''}>
                  ${
                    entry.kind === 'busy'
                      ? html`<div class="row" role="img" aria-label=${label}>${row}</div>`
                      : html`<button
                          class="row"
                          type="button"
                          data-entry-id=${entry.id}
                          aria-label=${label}
                          aria-haspopup="dialog"
                          @click=${() => c.openEntry(entry)}
                        >
                          ${row}
                        </button>`
                  }
                </li>`;
              })}
            </ul>`
      }
    </section>
  `;
}
