import type { CalendarEntry } from '@tidbok/sdk';
import { css, html, nothing } from 'lit';
import { clockTime, formatLocalDate } from '../shared/dates.js';
import type { BlockContext } from './entry-blocks.js';
import { wallClock } from './week.js';

/** What the list needs: the block context plus the day shown. */
export interface DayListContext extends Pick<BlockContext, 'texts' | 'language' | 'zone' | 'practitioners'> {
  day: string;
  entries: readonly CalendarEntry[];
  openEntry(entry: CalendarEntry): void;
}

/** The list's rules, here rather than in calendar.styles.ts so that they load with the list (the calendar adopts them). */
export const dayListStyles = css`
  .day-list h3 {
    margin: 0 0 0.4rem;
    font-size: 1.05rem;
  }
  .day-list .working,
  .day-list .empty-day {
    margin: 0 0 0.6rem;
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .day-list ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.35rem;
  }
  .day-list .row {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.1rem 0.6rem;
    /* A row shows all it says (the calendar's buttons cut their text to one line). */
    white-space: normal;
    overflow: visible;
    text-overflow: clip;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.45rem 0.6rem;
    box-sizing: border-box;
    border: 1px solid var(--_border);
    border-left: 5px solid var(--_color, var(--_border));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  .day-list li[data-kind='activity'] .row {
    border-left-color: var(--tidbok-activity-color, #8e44ad);
  }
  .day-list li[data-kind='hold'] .row {
    border-left-color: var(--tidbok-hold-color, #f8c8dc);
  }
  .day-list .row:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 1px;
  }
  /* The grid's blocks cut these to one line (calendar.styles.ts); a list row has the room. */
  .day-list .what,
  .day-list .who {
    min-width: 0;
    white-space: normal;
    overflow: visible;
    overflow-wrap: break-word;
  }
  .day-list .when {
    overflow: visible;
  }
  .day-list .what em {
    display: inline-block;
    margin-inline-start: 0.4em;
    white-space: nowrap;
  }
  .day-list .when {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .day-list .who {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.85rem;
  }
`;

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
          ? html`<p class="working">${c.texts.t('tabWorkingTime')}: ${working.map((w, i) => html`${i ? ', ' : ''}${name(w.practitionerId)} ${time(w)}`)}</p>`
          : nothing
      }
      ${
        items.length === 0
          ? html`<p class="empty-day">${c.texts.t('listEmptyDay')}</p>`
          : html`<ul>
              ${items.map((entry) => {
                // The row's text is its name (no aria-label that would differ from what is seen); the kind and a
                // booking's status are added for screen readers where the row does not show them.
                const kind = entry.kind === 'booking' ? c.texts.t('kindBooking') : entry.kind === 'activity' ? c.texts.t('kindActivity') : '';
                const status =
                  entry.kind === 'booking' && entry.status !== 'booked'
                    ? c.texts.t(entry.status === 'no_show' ? 'statusNoShow' : entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled')
                    : '';
                const who = name(entry.practitionerId);
                const body =
                  entry.kind === 'booking'
                    ? html`<strong>${entry.clientName}</strong> ${entry.treatmentName}`
                    : entry.kind === 'activity'
                      ? html`<strong>${entry.title}</strong>`
                      : entry.kind === 'busy'
                        ? html`${entry.title ?? c.texts.t('busyLabel')}`
                        : html`${c.texts.t('holdLabel')}`;
                const row = html`${kind ? html`<span class="sr">${kind} </span>` : nothing}<span class="when">${time(entry)}</span
                  ><span class="what">${body}${status ? html` <em>${status}</em>` : nothing}</span><span class="who">${who}</span>`;
                return html`<li data-kind=${entry.kind} style=${entry.kind === 'booking' ? `--_color:${entry.color}` : ''}>
                  ${
                    entry.kind === 'busy'
                      ? html`<div class="row">${row}</div>`
                      : html`<button class="row" type="button" tabindex="0" data-entry-id=${entry.id} aria-haspopup="dialog" @click=${() => c.openEntry(entry)}>
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
