// Helpers for the staff elements' browser tests: a seeded clinic on the real test server, the
// staff API, a mounted calendar, and pointer gestures at a day and time of the grid.
import { fixture, html, waitUntil } from '@open-wc/testing';
import { addLocalDays, localDateOf, localToInstant, weekdayOf } from '@tidbok/core';
import type { CalendarEntry } from '@tidbok/sdk';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { defineAdminElements } from '../admin/index.js';
import { TidbokProvider } from '../provider/provider.js';
import { define } from '../shared/define.js';
import { deep } from '../test-support.js';
import type { TidbokCalendar } from './calendar.js';

defineAdminElements();
define('tidbok-provider', TidbokProvider);

export interface Clinic {
  apiUrl: string;
  slug: string;
  adminToken: string;
  timeZone: string;
  locationId: string;
  /** Samtal (60 min; Anna), Kort uppföljning (30 min; Anna and Erik). */
  treatmentTypes: { id: string; name: string }[];
  /** Anna Lindqvist, Erik Johansson; weekday working time 09–12 from tomorrow. */
  practitioners: { id: string; name: string }[];
}

/** A fresh clinic for this test, its CORS list admitting this page. */
export function seedClinic(options: { locale?: 'sv' | 'en'; firstDay?: number; days?: number } = {}): Promise<Clinic> {
  return executeServerCommand<Clinic, object>('tidbok-seed', { origin: location.origin, ...options });
}

/** A staff call straight to the API (not through the element), to set up and to check. */
export async function staff<T = unknown>(clinic: Clinic, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${clinic.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The same, failing the test on an error status. */
export async function staffOk<T = unknown>(clinic: Clinic, method: string, path: string, body?: unknown): Promise<T> {
  const res = await staff<T>(clinic, method, path, body);
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The UTC ISO instant of a local date and time on the clinic's clock. */
export function at(clinic: Pick<Clinic, 'timeZone'>, date: string, time: string): string {
  return new Date(localToInstant(date, time, clinic.timeZone)).toISOString();
}

/** The first weekday from tomorrow (the seed's first day of working time), in the clinic's zone. */
export function firstWorkday(clinic: Pick<Clinic, 'timeZone'>): string {
  let date = addLocalDays(localDateOf(Date.now(), clinic.timeZone), 1);
  while (weekdayOf(date) >= 6) date = addLocalDays(date, 1);
  return date;
}

/** A staff booking with a new client, straight through the API. */
export function book(
  clinic: Clinic,
  options: { date: string; start: string; end?: string; client?: string; practitioner?: number; treatment?: number },
): Promise<{ id: string; start: string; end: string; status: string; clientId: string }> {
  return staffOk(clinic, 'POST', '/bookings', {
    client: { name: options.client ?? 'Klara Klient' },
    practitionerId: clinic.practitioners[options.practitioner ?? 0]!.id,
    treatmentTypeId: clinic.treatmentTypes[options.treatment ?? 0]!.id,
    start: at(clinic, options.date, options.start),
    ...(options.end ? { end: at(clinic, options.date, options.end) } : {}),
    confirmation: 'none',
  });
}

/** Every entry of the week that contains `date`, from the server. */
export async function entriesOf(clinic: Clinic, date: string): Promise<CalendarEntry[]> {
  const { entries } = await staffOk<{ entries: CalendarEntry[] }>(clinic, 'GET', `/calendar?from=${addLocalDays(date, -7)}&to=${addLocalDays(date, 7)}`);
  return entries;
}

export interface Mounted {
  clinic: Clinic;
  el: TidbokCalendar;
  /** The first day with working time (a weekday), and its column. */
  day: string;
  column: number;
}

let viewportSet = false;

/**
 * A `<tidbok-calendar>` inside a `<tidbok-provider>` for a fresh clinic, showing the week of the
 * first working day, with the week's entries drawn.
 */
export async function mountCalendar(
  options: {
    locale?: 'sv' | 'en';
    pollInterval?: number;
    practitioner?: string;
    prepare?: (clinic: Clinic, day: string) => Promise<unknown>;
    clinic?: Clinic;
  } = {},
): Promise<Mounted> {
  if (!viewportSet) {
    await setViewport({ width: 1366, height: 900 });
    viewportSet = true;
  }
  const clinic = options.clinic ?? (await seedClinic({ locale: options.locale ?? 'sv' }));
  const day = firstWorkday(clinic);
  await options.prepare?.(clinic, day);
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken} .locale=${options.locale ?? 'sv'}>
      <tidbok-calendar date=${day} poll-interval=${options.pollInterval ?? 5000} practitioner=${options.practitioner ?? ''}></tidbok-calendar>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector('tidbok-calendar')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="working-time"]'), 'the week is drawn', { timeout: 8000 });
  return { clinic, el, day, column: weekdayOf(day) - 1 };
}

/** The element of an entry (its first block, for one that spans days). */
export function entryElement(el: TidbokCalendar, id: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[data-entry-id="${id}"]`);
}

/** Waits for an entry to be drawn and returns it. */
export async function waitForEntry(el: TidbokCalendar, id: string, timeout = 8000): Promise<HTMLElement> {
  await waitUntil(() => entryElement(el, id), `entry ${id} is drawn`, { timeout });
  return entryElement(el, id)!;
}

/** The point on screen of `time` (`HH:mm`, inside the shown hours) in day column `column`. */
export function pointAt(el: TidbokCalendar, column: number, time: string, startHour = 7, endHour = 19): { x: number; y: number } {
  const day = el.shadowRoot!.querySelectorAll<HTMLElement>('.day')[column]!;
  const rect = day.getBoundingClientRect();
  const [h = 0, m = 0] = time.split(':').map(Number);
  const minutes = h * 60 + m;
  return {
    x: rect.left + rect.width * 0.6,
    y: rect.top + ((minutes - startHour * 60) / ((endHour - startHour) * 60)) * rect.height,
  };
}

function targetAt(el: TidbokCalendar, point: { x: number; y: number }): Element {
  return el.shadowRoot!.elementFromPoint(point.x, point.y) ?? el;
}

function pointer(type: string, point: { x: number; y: number }): PointerEvent {
  return new PointerEvent(type, {
    bubbles: true,
    composed: true,
    cancelable: true,
    clientX: point.x,
    clientY: point.y,
    button: 0,
    buttons: type === 'pointerup' ? 0 : 1,
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
  });
}

/** A press at `from`, a move in steps to `to` and a release there, as synthesized pointer events. */
export async function drag(el: TidbokCalendar, from: { x: number; y: number }, to: { x: number; y: number }, target?: Element) {
  (target ?? targetAt(el, from)).dispatchEvent(pointer('pointerdown', from));
  const steps = 6;
  for (let i = 1; i <= steps; i++) {
    const point = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    targetAt(el, point).dispatchEvent(pointer('pointermove', point));
    await el.updateComplete;
  }
  targetAt(el, to).dispatchEvent(pointer('pointerup', to));
  await el.updateComplete;
}

/** A click without movement: press and release on the same point. */
export async function click(el: TidbokCalendar, target: Element) {
  const rect = target.getBoundingClientRect();
  const point = { x: rect.left + rect.width / 2, y: rect.top + Math.min(rect.height / 2, 14) };
  target.dispatchEvent(pointer('pointerdown', point));
  target.dispatchEvent(pointer('pointerup', point));
  await el.updateComplete;
}

/** A double-click at a point of the grid. */
export async function doubleClick(el: TidbokCalendar, point: { x: number; y: number }) {
  const target = targetAt(el, point);
  for (const type of ['pointerdown', 'pointerup']) target.dispatchEvent(pointer(type, point));
  for (const type of ['pointerdown', 'pointerup']) target.dispatchEvent(pointer(type, point));
  target.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, clientX: point.x, clientY: point.y, detail: 2 }));
  await el.updateComplete;
}

// The shadow-root walkers are the widget tests' own; one copy serves both.
export { deep, deepAll } from '../test-support.js';

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits for `selector` to appear (through shadow roots) and returns it. */
export async function waitFor<T extends Element = HTMLElement>(root: Element, selector: string, timeout = 8000): Promise<T> {
  await waitUntil(() => deep(root, selector), `waiting for ${selector}`, { timeout });
  return deep<T>(root, selector)!;
}

/** Sets a form control's value and fires what a person's typing or choosing fires. */
export function setValue(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Presses a key on an element (keydown, as the elements listen for). */
export function press(target: Element, key: string, init: KeyboardEventInit = {}) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
}
