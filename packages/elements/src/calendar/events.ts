import type { CalendarEntry, Client, CreateClientBody, Slot } from '@tidbok/sdk';

/*
 * The staff calendar's events. Each is a class with a typed `detail` and an entry in
 * `GlobalEventHandlersEventMap`, so `addEventListener('tidbok-calendar-change', e => e.detail.id)`
 * type-checks. All bubble and are composed (docs/design.md, Elements), so a page hears them from
 * outside every shadow root.
 */

export type EntryKind = CalendarEntry['kind'];

/** What a staff member did to the calendar. */
export type CalendarChangeAction =
  | 'created'
  | 'updated'
  | 'moved'
  | 'deleted'
  | 'cancelled'
  | 'no-show'
  | 'paid'
  | 'confirmation-sent'
  | 'receipt-sent'
  | 'deleted-range'
  /** A visitor's hold was released by staff. */
  | 'released'
  /** The booking's client was merged into the stored client it may duplicate. */
  | 'merged';

export interface CalendarChangeDetail {
  action: CalendarChangeAction;
  kind: EntryKind;
  /** The entry's id; empty for `deleted-range`. */
  id: string;
}

/** Fired after the server accepted a change made in the calendar. */
export class TidbokCalendarChangeEvent extends CustomEvent<CalendarChangeDetail> {
  constructor(detail: CalendarChangeDetail) {
    super('tidbok-calendar-change', { detail, bubbles: true, composed: true });
  }
}

/** The calendar's two grids: days as columns, or one day with a column per practitioner. */
export type CalendarView = 'week' | 'day';

export interface WeekChangeDetail {
  /** The Monday of the week now shown, a local date. */
  weekStart: string;
  /** The practitioner the calendar is filtered on, or null for everyone. */
  practitionerId: string | null;
  /** The grid shown. */
  view: CalendarView;
  /** The date shown (the day in the day view; a day of the week in the week view). */
  date: string;
}

/** Fired when the shown week, day, view or the practitioner filter changes. */
export class TidbokWeekChangeEvent extends CustomEvent<WeekChangeDetail> {
  constructor(detail: WeekChangeDetail) {
    super('tidbok-week-change', { detail, bubbles: true, composed: true });
  }
}

export interface ClientChangeDetail {
  /** The chosen existing client, or null. */
  client: Client | null;
  /** A new client typed in "Add new client", to be created with the booking; or null. */
  newClient: CreateClientBody | null;
}

/** Fired by `<tidbok-client-picker>` when the chosen client changes. */
export class TidbokClientChangeEvent extends CustomEvent<ClientChangeDetail> {
  constructor(detail: ClientChangeDetail) {
    super('tidbok-client-change', { detail, bubbles: true, composed: true });
  }
}

export interface SlotPickDetail {
  slot: Slot;
  treatmentTypeId: string;
}

/** Fired by `<tidbok-book-panel>` when a suggested free time is chosen. */
export class TidbokSlotPickEvent extends CustomEvent<SlotPickDetail> {
  constructor(detail: SlotPickDetail) {
    super('tidbok-slot-pick', { detail, bubbles: true, composed: true });
  }
}

export interface MenuSelectDetail {
  id: string;
}

/** Fired by `<tidbok-menu-button>` when an item is chosen. */
export class TidbokMenuSelectEvent extends CustomEvent<MenuSelectDetail> {
  constructor(detail: MenuSelectDetail) {
    super('tidbok-menu-select', { detail, bubbles: true, composed: true });
  }
}

export type DraftTab = 'booking' | 'workingTime' | 'activity';

/** A new entry being made: drawn as a block in the calendar and edited in the popup at once. */
export interface Draft {
  /** Identifies one creation from start to finish; a new draft gets a new key. */
  key: number;
  start: number;
  end: number;
  tab: DraftTab;
  practitionerId: string | null;
  treatmentTypeId: string | null;
  locationId: string | null;
  /** The end follows the chosen treatment type's length until someone sets the end (double-click, Book). */
  lengthFromTreatment: boolean;
}

export interface DraftChangeDetail {
  draft: Draft;
}

/** Fired by `<tidbok-entry-popup>` while a new entry's time, tab or practitioner is edited. */
export class TidbokDraftChangeEvent extends CustomEvent<DraftChangeDetail> {
  constructor(detail: DraftChangeDetail) {
    super('tidbok-draft-change', { detail, bubbles: true, composed: true });
  }
}

export interface PopupCloseDetail {
  reason: 'cancel' | 'done';
}

/** Fired by a popup that wants to close (Escape, Cancel, or after a change was saved). */
export class TidbokPopupCloseEvent extends CustomEvent<PopupCloseDetail> {
  constructor(detail: PopupCloseDetail) {
    super('tidbok-popup-close', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-calendar-change': TidbokCalendarChangeEvent;
    'tidbok-week-change': TidbokWeekChangeEvent;
    'tidbok-client-change': TidbokClientChangeEvent;
    'tidbok-slot-pick': TidbokSlotPickEvent;
    'tidbok-menu-select': TidbokMenuSelectEvent;
    'tidbok-draft-change': TidbokDraftChangeEvent;
    'tidbok-popup-close': TidbokPopupCloseEvent;
  }
}
