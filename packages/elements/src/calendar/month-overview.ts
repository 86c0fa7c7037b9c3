import { isLocalDate } from '@tidbok/core';
import { css, html, LitElement, type PropertyValues } from 'lit';
import type { Locale, Messages } from '../i18n.js';
import { controlStyles } from '../shared/controls.styles.js';
import { define } from '../shared/define.js';
import { addLocalDays, formatLocalDate, isoWeek, mondayOf, weekdayOf } from '../shared/dates.js';
import { theme } from '../shared/styles.js';
import { TextsController } from '../shared/texts.js';
import { calendarMessages } from './messages.js';

/** The overview's texts: the calendar's, and its own (here, in its lazy chunk). */
const monthMessages = {
  ...calendarMessages,
  previousMonth: { sv: 'Föregående månad', en: 'Previous month' },
  nextMonth: { sv: 'Nästa månad', en: 'Next month' },
  monthWeek: { sv: 'Vecka', en: 'Week' },
} satisfies Messages<string>;

/** The first of the month `date` is in. */
const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;
/** The first of the month `months` after the one `date` is in. */
function shiftMonth(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The Mondays of the weeks that show a month: 4 to 6 rows of 7 days. */
export function monthWeeks(month: string): string[][] {
  const first = firstOfMonth(month);
  const next = shiftMonth(first, 1);
  const weeks: string[][] = [];
  for (let monday = mondayOf(first); monday < next; monday = addLocalDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addLocalDays(monday, i)));
  }
  return weeks;
}

/**
 * @summary A month to jump to a date from: the calendar's "Month" button opens it under the
 * toolbar. A lazy chunk (loaded on first use, `defineMonthOverview`), so the staff first load
 * does not carry it.
 *
 * Keyboard: one tab stop in the days; arrows move a day or a week, PageUp/PageDown a month, Home/End
 * the week's ends, Enter picks, Escape closes.
 *
 * @event tidbok-date-pick - A date was picked: `{ date }`.
 * @event tidbok-popup-close - Escape or the close button.
 */
export class TidbokMonthOverview extends LitElement {
  static override styles = [
    theme,
    controlStyles,
    css`
      :host {
        position: absolute;
        top: calc(100% + 4px);
        left: 0;
        z-index: 40;
        display: block;
        width: 17.5rem;
        padding: 0.6rem;
        background: var(--_surface);
        color: var(--_text);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
      }
      header {
        display: flex;
        align-items: center;
        gap: 0.3rem;
        margin-bottom: 0.4rem;
      }
      h3 {
        flex: 1;
        margin: 0;
        font-size: 1rem;
        text-align: center;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.85rem;
      }
      th {
        font-weight: 600;
        color: var(--_muted);
        padding: 0.15rem 0;
      }
      th.week,
      td.week {
        font-size: 0.72rem;
        color: var(--_muted);
        text-align: center;
      }
      td {
        padding: 1px;
        text-align: center;
      }
      td button {
        width: 2.1rem;
        height: 2.1rem;
        border: 1px solid transparent;
        border-radius: 50%;
        background: none;
        color: inherit;
        font: inherit;
        cursor: pointer;
      }
      td button.other {
        color: var(--_muted);
      }
      td button.today {
        border-color: var(--_primary);
        font-weight: 700;
      }
      td button[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_on-primary);
      }
      td button:hover {
        background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
      }
      td button[aria-pressed='true']:hover {
        background: var(--_primary);
      }
      td button:focus-visible {
        outline: 2px solid var(--_primary);
        outline-offset: 1px;
      }
    `,
  ];

  static override properties = {
    locale: {},
    value: {},
    today: {},
    focused: { state: true },
  };

  /** The staff member's language (handed in by the calendar). */
  locale: Locale = 'sv';
  /** The date the calendar shows. */
  value = '';
  /** Today in the clinic's zone. */
  today = '';
  /** The day with the roving tab stop. */
  private focused = '';

  private readonly texts = new TextsController(this, () => this.locale, monthMessages);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('value') && isLocalDate(this.value)) this.focused = this.value;
    if (!this.focused && isLocalDate(this.today)) this.focused = this.today;
  }

  override firstUpdated() {
    this.dayButton(this.focused)?.focus();
  }

  private dayButton(date: string) {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
  }

  private async moveTo(date: string) {
    this.focused = date;
    await this.updateComplete;
    this.dayButton(date)?.focus();
  }

  private pick(date: string) {
    this.dispatchEvent(new CustomEvent('tidbok-date-pick', { detail: { date }, bubbles: true, composed: true }));
  }

  private close() {
    this.dispatchEvent(new CustomEvent('tidbok-popup-close', { bubbles: true, composed: true }));
  }

  private onKeydown(event: KeyboardEvent) {
    const date = this.focused;
    if (!date) return;
    const steps: Record<string, () => string> = {
      ArrowLeft: () => addLocalDays(date, -1),
      ArrowRight: () => addLocalDays(date, 1),
      ArrowUp: () => addLocalDays(date, -7),
      ArrowDown: () => addLocalDays(date, 7),
      Home: () => addLocalDays(date, 1 - weekdayOf(date)),
      End: () => addLocalDays(date, 7 - weekdayOf(date)),
      PageUp: () => this.sameDay(date, -1),
      PageDown: () => this.sameDay(date, 1),
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
      return;
    }
    const step = steps[event.key];
    if (!step || !(event.target as HTMLElement).closest('td')) return;
    event.preventDefault();
    void this.moveTo(step());
  }

  /** The same day of the month `months` away (the month's last day when it is shorter). */
  private sameDay(date: string, months: number): string {
    const first = shiftMonth(date, months);
    let day = Number(date.slice(8, 10));
    while (day > 28 && !isLocalDate(`${first.slice(0, 8)}${String(day).padStart(2, '0')}`)) day--;
    return `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
  }

  override render() {
    const month = firstOfMonth(this.focused || this.today || '1970-01-01');
    const weeks = monthWeeks(month);
    const title = formatLocalDate(month, this.locale, { month: 'long', year: 'numeric' });
    const weekdays = weeks[0]!.map((date) => formatLocalDate(date, this.locale, { weekday: 'short' }));
    return html`
      <div role="dialog" aria-labelledby="month-title" @keydown=${this.onKeydown}>
        <header>
          <button
            class="icon-button"
            type="button"
            aria-label=${this.texts.t('previousMonth')}
            @click=${() => void this.moveTo(this.sameDay(this.focused, -1))}
          >
            ‹
          </button>
          <h3 id="month-title" aria-live="polite">${title}</h3>
          <button class="icon-button" type="button" aria-label=${this.texts.t('nextMonth')} @click=${() => void this.moveTo(this.sameDay(this.focused, 1))}>
            ›
          </button>
          <button class="icon-button" type="button" aria-label=${this.texts.t('close')} @click=${this.close}>×</button>
        </header>
        <table aria-labelledby="month-title">
          <thead>
            <tr>
              <th class="week" scope="col"><span class="sr">${this.texts.t('monthWeek')}</span></th>
              ${weekdays.map((name) => html`<th scope="col">${name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${weeks.map(
              (week) =>
                html`<tr>
                  <td class="week">${isoWeek(week[0]!)}</td>
                  ${week.map(
                    (date) =>
                      html`<td>
                        <button
                          type="button"
                          data-date=${date}
                          class="${date.slice(0, 7) === month.slice(0, 7) ? '' : 'other'} ${date === this.today ? 'today' : ''}"
                          tabindex=${date === this.focused ? '0' : '-1'}
                          aria-pressed=${date === this.value ? 'true' : 'false'}
                          aria-current=${date === this.today ? 'date' : 'false'}
                          aria-label=${formatLocalDate(date, this.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}
                          @click=${() => this.pick(date)}
                        >
                          ${Number(date.slice(8, 10))}
                        </button>
                      </td>`,
                  )}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

/** Registers `<tidbok-month-overview>` (called by the calendar when the overview is first opened). */
export function defineMonthOverview(): void {
  define('tidbok-month-overview', TidbokMonthOverview);
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-month-overview': TidbokMonthOverview;
  }
}
