import {
  type Activity,
  type AdminHold,
  AdminHoldListSchema,
  ActivitySchema,
  type ApplyTemplateWeekBody,
  type Booking,
  BookingSchema,
  type BusyCalendarRefresh,
  BusyCalendarRefreshSchema,
  type BusyCalendarStatus,
  BusyCalendarStatusSchema,
  type CalendarFeedCreated,
  CalendarFeedCreatedSchema,
  type CalendarFeedStatus,
  CalendarFeedStatusSchema,
  type CalendarResponse,
  CalendarResponseSchema,
  type CancelBookingBody,
  type Client,
  ClientListSchema,
  ClientSchema,
  type CreateActivityBody,
  type CreateAdminBookingBody,
  type CreateClientBody,
  type CreateLocationBody,
  type CreatePractitionerBody,
  type CreateStaffBody,
  type CreateStaffResponse,
  CreateStaffResponseSchema,
  InvitationSentSchema,
  type InvitationSent,
  type CreateTemplateWeekBody,
  type CreateTreatmentTypeBody,
  type CreateWorkingTimeBody,
  type DeletedResponse,
  DeletedResponseSchema,
  type ListClientsQuery,
  type ListSlotsResponse,
  ListSlotsResponseSchema,
  type Location,
  LocationListSchema,
  LocationSchema,
  type Message,
  MessageListSchema,
  type SmsBudget,
  SmsBudgetSchema,
  type PayBookingBody,
  type ClientHistory,
  type ClientHistoryQuery,
  ClientHistorySchema,
  type ClientNotes,
  ClientNotesSchema,
  type UpdateClientNotesBody,
  type Receipt,
  ReceiptSchema,
  type Practitioner,
  PractitionerListSchema,
  PractitionerSchema,
  type RangeQuery,
  type SendConfirmationBody,
  type SendReceiptBody,
  type SetBusyCalendarBody,
  type RejectedOriginList,
  RejectedOriginListSchema,
  type Settings,
  SettingsSchema,
  type Staff,
  StaffListSchema,
  StaffSchema,
  type TemplateWeek,
  TemplateWeekSchema,
  type TreatmentType,
  TreatmentTypeListSchema,
  TreatmentTypeSchema,
  type UpdateActivityBody,
  type UpdateAdminBookingBody,
  type UpdateClientBody,
  type UpdateLocationBody,
  type UpdatePractitionerBody,
  type UpdateSettingsBody,
  type UpdateTreatmentTypeBody,
  type UpdateWorkingTimeBody,
  type WorkingTime,
  WorkingTimeSchema,
  ApplyTemplateWeekResponseSchema,
  type ApplyTemplateWeekResponse,
  type AccessLogEntry,
  AccessLogResponseSchema,
  type TestSessionResponse,
  TestSessionResponseSchema,
  TemplateWeekListSchema,
  type UpdateStaffBody,
} from '@tidbok/core';
import type * as z from 'zod/mini';
import type { WithInstants } from './instants.js';
import type { SlotsQuery } from './public-client.js';
import { createTransport, json, nothing, type RequestOptions, type Send, text, type TransportOptions } from './transport.js';
import { sendWithTokens, TokenKeeper, type TokenProvider, type TokenSource } from './token-provider.js';
import { type StaffAccessMethods, staffAccessMethods } from './admin-staff-access.js';
import { type StaffAuditMethods, staffAuditMethods } from './admin-audit.js';
import { type WebhookMethods, webhookMethods } from './admin-webhooks.js';

export type { TokenProvider, TokenSource };

/** How long a call that makes the server read a practitioner's calendar may take: its 15 s, and some. */
const BUSY_CALENDAR_READ_MS = 20_000;

/** Give `token`, `tokenProvider`, or both (the token first, the provider once it expires). */
export interface TidbokAdminOptions extends TransportOptions {
  /** A staff or session token, or a function that returns the current one (called before every request). */
  token?: TokenSource;
  /**
   * Fetches a session token: asked for the first one when `token` is left out, and once more when
   * a request answers 401 `token_expired`, which is then sent again with the new token.
   */
  tokenProvider?: TokenProvider;
}

export type { ApplyTemplateWeekResponse, UpdateStaffBody };

export type CalendarQuery = WithInstants<RangeQuery>;
export type WorkingTimeRangeQuery = WithInstants<RangeQuery>;
export type CreateWorkingTimeInput = WithInstants<CreateWorkingTimeBody>;
export type UpdateWorkingTimeInput = WithInstants<UpdateWorkingTimeBody>;
export type CreateActivityInput = WithInstants<CreateActivityBody>;
export type UpdateActivityInput = WithInstants<UpdateActivityBody>;
export type CreateAdminBookingInput = WithInstants<CreateAdminBookingBody>;
export type UpdateAdminBookingInput = WithInstants<UpdateAdminBookingBody>;

/** The five calls every catalogue resource has. */
export interface Resource<T, Create, Update> {
  list(options?: RequestOptions): Promise<T[]>;
  get(id: string, options?: RequestOptions): Promise<T>;
  create(body: Create, options?: RequestOptions): Promise<T>;
  update(id: string, patch: Update, options?: RequestOptions): Promise<T>;
  /** Resolves also when a retry finds the resource already gone (its first attempt went through). */
  remove(id: string, options?: RequestOptions): Promise<void>;
}

export interface PractitionerResource extends Resource<Practitioner, CreatePractitionerBody, UpdatePractitionerBody> {
  /** Replaces the practitioner's own list of treatment types. */
  setTreatmentTypes(id: string, treatmentTypeIds: string[], options?: RequestOptions): Promise<Practitioner>;
  /**
   * A new secret address of the practitioner's bookings and activities for calendar apps to
   * subscribe to; shown only this once. Any address made before stops working.
   * (Admins, or the practitioner themselves.)
   */
  createCalendarFeed(id: string, options?: RequestOptions): Promise<CalendarFeedCreated>;
  /** Whether the practitioner has a subscription address, and since when (never the address). */
  calendarFeed(id: string, options?: RequestOptions): Promise<CalendarFeedStatus>;
  /** Ends the practitioner's subscription address; calendar apps get 404 from then on. */
  revokeCalendarFeed(id: string, options?: RequestOptions): Promise<void>;
  /**
   * Sets the secret iCalendar address (https or webcal) of the practitioner's own calendar,
   * whose busy events then block public slots; read at once, then about every 15 minutes.
   * Answers the status after the first read. (Admins.)
   */
  setBusyCalendar(id: string, body: SetBusyCalendarBody, options?: RequestOptions): Promise<BusyCalendarStatus>;
  /** Whether a busy calendar is set and how its last read went (never its address). */
  busyCalendar(id: string, options?: RequestOptions): Promise<BusyCalendarStatus>;
  /** Reads the busy calendar now; rejects with `calendar_unreachable` when it cannot be read. */
  refreshBusyCalendar(id: string, options?: RequestOptions): Promise<BusyCalendarRefresh>;
  /** Removes the busy calendar and the busy time read from it. */
  removeBusyCalendar(id: string, options?: RequestOptions): Promise<void>;
}

export interface ClientResource extends Omit<Resource<Client, CreateClientBody, UpdateClientBody>, 'list'> {
  /** All clients, or those whose name, e-mail or phone matches `q`. */
  list(query?: ListClientsQuery, options?: RequestOptions): Promise<Client[]>;
  /** A session for a client marked `isTest`, and the hosted booking page to open with it. */
  testSession(id: string, options?: RequestOptions): Promise<TestSessionResponse>;
  /** Who on the staff read or changed the client's data (admins). */
  accessLog(id: string, options?: RequestOptions): Promise<AccessLogEntry[]>;
  /**
   * Clients that may be the same person: split off by a public booking whose details did not
   * agree (`duplicateOf`), or with the same e-mail, phone or personal identity number.
   */
  duplicates(id: string, options?: RequestOptions): Promise<Client[]>;
  /** Merges client `id` into `into` (bookings and messages move, `id` is deleted); answers `into`. */
  merge(id: string, into: string, options?: RequestOptions): Promise<Client>;
  /** The client card: upcoming and past visits with status, counts of no-shows and late cancellations, and the notes. */
  history(id: string, query?: ClientHistoryQuery, options?: RequestOptions): Promise<ClientHistory>;
  /** Replaces the client's notes (admins, and practitioners for clients they treat). */
  updateNotes(id: string, body: UpdateClientNotesBody, options?: RequestOptions): Promise<ClientNotes>;
}

export interface StaffResource extends Omit<Resource<Staff, CreateStaffBody, UpdateStaffBody>, 'create'> {
  /** Creates a staff user and their first token, which is shown only this once. */
  create(body: CreateStaffBody, options?: RequestOptions): Promise<CreateStaffResponse>;
  /** E-mails the person a one-time link (72 hours) to set a passkey or a password; older links stop working. */
  invite(staffId: string, options?: RequestOptions): Promise<InvitationSent>;
}

/** The staff side of one clinic. Every call sends the staff token as a bearer token. */
export interface TidbokAdmin extends StaffAuditMethods {
  /** Replaces the token (e.g. after the user signs in again); the next request uses it. */
  setToken(token: TokenSource): void;
  /** Integration keys, personal API tokens and sessions. */
  access: StaffAccessMethods;
  settings: {
    get(options?: RequestOptions): Promise<Settings>;
    /** Changes any subset; answers with all the settings after the change. */
    update(patch: UpdateSettingsBody, options?: RequestOptions): Promise<Settings>;
    /** Websites recently refused because they are not among `allowedOrigins` (a hint for staff; latest first). */
    rejectedOrigins(options?: RequestOptions): Promise<RejectedOriginList>;
  };
  treatmentTypes: Resource<TreatmentType, CreateTreatmentTypeBody, UpdateTreatmentTypeBody>;
  practitioners: PractitionerResource;
  locations: Resource<Location, CreateLocationBody, UpdateLocationBody>;
  clients: ClientResource;
  staff: StaffResource;
  /** Bookings, working time, activities and holds between `from` and `to`. */
  calendar(query: CalendarQuery, options?: RequestOptions): Promise<CalendarResponse>;
  /** As the public `slots()`, also for treatment types that are not bookable online. */
  slots(query: SlotsQuery, options?: RequestOptions): Promise<ListSlotsResponse>;
  workingTimes: {
    get(id: string, options?: RequestOptions): Promise<WorkingTime>;
    create(body: CreateWorkingTimeInput, options?: RequestOptions): Promise<WorkingTime>;
    update(id: string, patch: UpdateWorkingTimeInput, options?: RequestOptions): Promise<WorkingTime>;
    remove(id: string, options?: RequestOptions): Promise<void>;
    /** "Delete all visible working time" in a range. */
    removeRange(query: WorkingTimeRangeQuery, options?: RequestOptions): Promise<DeletedResponse>;
  };
  activities: {
    get(id: string, options?: RequestOptions): Promise<Activity>;
    create(body: CreateActivityInput, options?: RequestOptions): Promise<Activity>;
    update(id: string, patch: UpdateActivityInput, options?: RequestOptions): Promise<Activity>;
    remove(id: string, options?: RequestOptions): Promise<void>;
  };
  bookings: {
    /** Staff may book outside working time; an overlap with another booking or hold is `conflict`. */
    create(body: CreateAdminBookingInput, options?: RequestOptions): Promise<Booking>;
    get(id: string, options?: RequestOptions): Promise<Booking>;
    update(id: string, patch: UpdateAdminBookingInput, options?: RequestOptions): Promise<Booking>;
    remove(id: string, options?: RequestOptions): Promise<void>;
    /** Marks a cancellation (återbud); `late` marks it late whatever the window says. */
    cancel(id: string, body?: CancelBookingBody, options?: RequestOptions): Promise<Booking>;
    noShow(id: string, options?: RequestOptions): Promise<Booking>;
    /**
     * Undoes återbud or no-show: booked again if the time is still free, else `conflict` with
     * the problem's `conflictsWith`. `notification` says whether a cancellation notice was withdrawn or had gone out.
     */
    restore(id: string, options?: RequestOptions): Promise<Booking>;
    sendConfirmation(id: string, body: SendConfirmationBody, options?: RequestOptions): Promise<void>;
    /** Marks the booking paid; `amountCents` defaults to the treatment type's price. */
    pay(id: string, body: PayBookingBody, options?: RequestOptions): Promise<Booking>;
    /** Voids the payment (admins): the receipt is kept, marked void; its number is never reused. */
    voidPayment(id: string, options?: RequestOptions): Promise<Booking>;
    /** The printable receipt, as an HTML document (`narrow` for 80 mm receipt printers). */
    receiptHtml(id: string, options?: RequestOptions & { format?: 'a4' | 'narrow'; locale?: 'sv' | 'en' }): Promise<string>;
    /** The current receipt as data: the same lines and totals as the printable and e-mailed one. */
    receipt(id: string, options?: RequestOptions & { locale?: 'sv' | 'en' }): Promise<Receipt>;
    sendReceipt(id: string, body?: SendReceiptBody, options?: RequestOptions): Promise<void>;
  };
  templateWeeks: {
    list(options?: RequestOptions): Promise<TemplateWeek[]>;
    /** Captures the working time of the week starting `weekStart` (a local date). */
    create(body: CreateTemplateWeekBody, options?: RequestOptions): Promise<TemplateWeek>;
    /** Pastes the template into each week; blocks that would overlap are skipped. */
    apply(id: string, body: ApplyTemplateWeekBody, options?: RequestOptions): Promise<ApplyTemplateWeekResponse>;
    rename(id: string, name: string, options?: RequestOptions): Promise<TemplateWeek>;
    remove(id: string, options?: RequestOptions): Promise<void>;
  };
  /** The outbox: every e-mail and SMS the clinic sent or will send, optionally for one booking. */
  messages(query?: { bookingId?: string }, options?: RequestOptions): Promise<Message[]>;
  /** The budget of SMS to numbers staff have not entered: used, limits, and when it last refused one. */
  smsBudget(options?: RequestOptions): Promise<SmsBudget>;
  /** Webhook endpoints: register, change, switch off, see deliveries and attempts, resend (admins). */
  webhooks: WebhookMethods;
  holds: {
    /** Active holds with the address and network each came from, and how many that network holds. */
    list(options?: RequestOptions): Promise<AdminHold[]>;
    /** Releases a hold that only blocks its time; the time is free at once. */
    release(id: string, options?: RequestOptions): Promise<void>;
  };
}

const id = encodeURIComponent;

function resource<T, C, U, K extends string>(send: Send, path: string, item: z.ZodMiniType<T>, list: z.ZodMiniType<Record<K, T[]>>, key: K): Resource<T, C, U> {
  return {
    list: async ({ signal } = {}) => (await send({ method: 'get', path, signal }, json(list)))[key],
    get: (itemId, { signal } = {}) => send({ method: 'get', path: `${path}/${id(itemId)}`, signal }, json(item)),
    create: (body, { signal } = {}) => send({ method: 'post', path, json: body, signal }, json(item)),
    update: (itemId, patch, { signal } = {}) => send({ method: 'patch', path: `${path}/${id(itemId)}`, json: patch, signal }, json(item)),
    remove: (itemId, { signal } = {}) => send({ method: 'delete', path: `${path}/${id(itemId)}`, signal }, nothing),
  };
}

/**
 * The client for clinic staff: settings, the catalogue, the calendar and bookings.
 *
 * @example
 * const admin = createTidbokAdmin({ baseUrl: 'https://book.clinic.example', clinic: 'demo', token });
 * const week = await admin.calendar({ from: '2027-03-01', to: '2027-03-07' });
 */
export function createTidbokAdmin(options: TidbokAdminOptions): TidbokAdmin {
  const tokens = new TokenKeeper(options.token, options.tokenProvider);
  const send = sendWithTokens(createTransport(options), tokens);
  const A = '/admin';
  const practitioners = resource<Practitioner, CreatePractitionerBody, UpdatePractitionerBody, 'practitioners'>(
    send,
    `${A}/practitioners`,
    PractitionerSchema,
    PractitionerListSchema,
    'practitioners',
  );
  const clients = resource<Client, CreateClientBody, UpdateClientBody, 'clients'>(send, `${A}/clients`, ClientSchema, ClientListSchema, 'clients');
  const staff = resource<Staff, CreateStaffBody, UpdateStaffBody, 'staff'>(send, `${A}/staff`, StaffSchema, StaffListSchema, 'staff');
  const booking = (bookingId: string, rest = '') => `${A}/bookings/${id(bookingId)}${rest}`;

  return {
    setToken: (next) => tokens.set(next),
    access: staffAccessMethods(send, A),
    settings: {
      get: ({ signal } = {}) => send({ method: 'get', path: `${A}/settings`, signal }, json(SettingsSchema)),
      update: (patch, { signal } = {}) => send({ method: 'patch', path: `${A}/settings`, json: patch, signal }, json(SettingsSchema)),
      rejectedOrigins: ({ signal } = {}) => send({ method: 'get', path: `${A}/settings/rejected-origins`, signal }, json(RejectedOriginListSchema)),
    },
    treatmentTypes: resource(send, `${A}/treatment-types`, TreatmentTypeSchema, TreatmentTypeListSchema, 'treatmentTypes'),
    practitioners: {
      ...practitioners,
      setTreatmentTypes: (practitionerId, treatmentTypeIds, { signal } = {}) =>
        send({ method: 'put', path: `${A}/practitioners/${id(practitionerId)}/treatment-types`, json: { treatmentTypeIds }, signal }, json(PractitionerSchema)),
      createCalendarFeed: (practitionerId, { signal } = {}) =>
        send({ method: 'post', path: `${A}/practitioners/${id(practitionerId)}/calendar-feed`, signal }, json(CalendarFeedCreatedSchema)),
      calendarFeed: (practitionerId, { signal } = {}) =>
        send({ method: 'get', path: `${A}/practitioners/${id(practitionerId)}/calendar-feed`, signal }, json(CalendarFeedStatusSchema)),
      revokeCalendarFeed: (practitionerId, { signal } = {}) =>
        send({ method: 'delete', path: `${A}/practitioners/${id(practitionerId)}/calendar-feed`, signal }, nothing),
      setBusyCalendar: (practitionerId, body, { signal } = {}) =>
        send(
          // The server reads the calendar before it answers (15 s at most).
          { method: 'put', path: `${A}/practitioners/${id(practitionerId)}/busy-calendar`, json: body, signal, minTimeout: BUSY_CALENDAR_READ_MS },
          json(BusyCalendarStatusSchema),
        ),
      busyCalendar: (practitionerId, { signal } = {}) =>
        send({ method: 'get', path: `${A}/practitioners/${id(practitionerId)}/busy-calendar`, signal }, json(BusyCalendarStatusSchema)),
      refreshBusyCalendar: (practitionerId, { signal } = {}) =>
        send(
          { method: 'post', path: `${A}/practitioners/${id(practitionerId)}/busy-calendar/refresh`, signal, minTimeout: BUSY_CALENDAR_READ_MS },
          json(BusyCalendarRefreshSchema),
        ),
      removeBusyCalendar: (practitionerId, { signal } = {}) =>
        send({ method: 'delete', path: `${A}/practitioners/${id(practitionerId)}/busy-calendar`, signal }, nothing),
    },
    locations: resource(send, `${A}/locations`, LocationSchema, LocationListSchema, 'locations'),
    clients: {
      ...clients,
      list: async (query = {}, { signal } = {}) => (await send({ method: 'get', path: `${A}/clients`, query, signal }, json(ClientListSchema))).clients,
      testSession: (clientId, { signal } = {}) =>
        send({ method: 'post', path: `${A}/clients/${id(clientId)}/test-session`, signal }, json(TestSessionResponseSchema)),
      accessLog: async (clientId, { signal } = {}) =>
        (await send({ method: 'get', path: `${A}/clients/${id(clientId)}/access-log`, signal }, json(AccessLogResponseSchema))).entries,
      duplicates: async (clientId, { signal } = {}) =>
        (await send({ method: 'get', path: `${A}/clients/${id(clientId)}/duplicates`, signal }, json(ClientListSchema))).clients,
      merge: (clientId, into, { signal } = {}) =>
        send({ method: 'post', path: `${A}/clients/${id(clientId)}/merge`, json: { into }, signal }, json(ClientSchema)),
      history: (clientId, query = {}, { signal } = {}) =>
        send({ method: 'get', path: `${A}/clients/${id(clientId)}/history`, query, signal }, json(ClientHistorySchema)),
      updateNotes: (clientId, body, { signal } = {}) =>
        send({ method: 'put', path: `${A}/clients/${id(clientId)}/notes`, json: body, signal }, json(ClientNotesSchema)),
    },
    holds: {
      list: async ({ signal } = {}) => (await send({ method: 'get', path: `${A}/holds`, signal }, json(AdminHoldListSchema))).holds,
      release: (holdId, { signal } = {}) => send({ method: 'delete', path: `${A}/holds/${id(holdId)}`, signal }, nothing),
    },
    staff: {
      ...staff,
      create: (body, { signal } = {}) => send({ method: 'post', path: `${A}/staff`, json: body, signal }, json(CreateStaffResponseSchema)),
      invite: (staffId, { signal } = {}) => send({ method: 'post', path: `${A}/staff/${id(staffId)}/invite`, signal }, json(InvitationSentSchema)),
    },
    calendar: (query, { signal } = {}) => send({ method: 'get', path: `${A}/calendar`, query: query, signal }, json(CalendarResponseSchema)),
    slots: (query, { signal } = {}) => send({ method: 'get', path: `${A}/slots`, query: query, signal }, json(ListSlotsResponseSchema)),
    workingTimes: {
      get: (itemId, { signal } = {}) => send({ method: 'get', path: `${A}/working-times/${id(itemId)}`, signal }, json(WorkingTimeSchema)),
      create: (body, { signal } = {}) => send({ method: 'post', path: `${A}/working-times`, json: body, signal }, json(WorkingTimeSchema)),
      update: (itemId, patch, { signal } = {}) =>
        send({ method: 'patch', path: `${A}/working-times/${id(itemId)}`, json: patch, signal }, json(WorkingTimeSchema)),
      remove: (itemId, { signal } = {}) => send({ method: 'delete', path: `${A}/working-times/${id(itemId)}`, signal }, nothing),
      removeRange: (query, { signal } = {}) => send({ method: 'delete', path: `${A}/working-times`, query: query, signal }, json(DeletedResponseSchema)),
    },
    activities: {
      get: (itemId, { signal } = {}) => send({ method: 'get', path: `${A}/activities/${id(itemId)}`, signal }, json(ActivitySchema)),
      create: (body, { signal } = {}) => send({ method: 'post', path: `${A}/activities`, json: body, signal }, json(ActivitySchema)),
      update: (itemId, patch, { signal } = {}) => send({ method: 'patch', path: `${A}/activities/${id(itemId)}`, json: patch, signal }, json(ActivitySchema)),
      remove: (itemId, { signal } = {}) => send({ method: 'delete', path: `${A}/activities/${id(itemId)}`, signal }, nothing),
    },
    bookings: {
      create: (body, { signal } = {}) => send({ method: 'post', path: `${A}/bookings`, json: body, signal }, json(BookingSchema)),
      get: (bookingId, { signal } = {}) => send({ method: 'get', path: booking(bookingId), signal }, json(BookingSchema)),
      update: (bookingId, patch, { signal } = {}) => send({ method: 'patch', path: booking(bookingId), json: patch, signal }, json(BookingSchema)),
      remove: (bookingId, { signal } = {}) => send({ method: 'delete', path: booking(bookingId), signal }, nothing),
      cancel: (bookingId, body = {}, { signal } = {}) => send({ method: 'post', path: booking(bookingId, '/cancel'), json: body, signal }, json(BookingSchema)),
      noShow: (bookingId, { signal } = {}) => send({ method: 'post', path: booking(bookingId, '/no-show'), signal }, json(BookingSchema)),
      restore: (bookingId, { signal } = {}) => send({ method: 'post', path: booking(bookingId, '/restore'), signal }, json(BookingSchema)),
      sendConfirmation: (bookingId, body, { signal } = {}) => send({ method: 'post', path: booking(bookingId, '/confirmation'), json: body, signal }, nothing),
      pay: (bookingId, body, { signal } = {}) => send({ method: 'post', path: booking(bookingId, '/payment'), json: body, signal }, json(BookingSchema)),
      voidPayment: (bookingId, { signal } = {}) => send({ method: 'post', path: booking(bookingId, '/payment/void'), signal }, json(BookingSchema)),
      receiptHtml: (bookingId, { signal, format, locale } = {}) =>
        send(
          {
            method: 'get',
            path: booking(bookingId, '/receipt'),
            query: { ...(format ? { format } : {}), ...(locale ? { locale } : {}) },
            headers: { accept: 'text/html' },
            signal,
          },
          text,
        ),
      receipt: (bookingId, { signal, locale } = {}) =>
        send({ method: 'get', path: booking(bookingId, '/receipt/lines'), query: locale ? { locale } : {}, signal }, json(ReceiptSchema)),
      sendReceipt: (bookingId, body = { channel: 'email' }, { signal } = {}) =>
        send({ method: 'post', path: booking(bookingId, '/receipt/send'), json: body, signal }, nothing),
    },
    templateWeeks: {
      list: async ({ signal } = {}) => (await send({ method: 'get', path: `${A}/template-weeks`, signal }, json(TemplateWeekListSchema))).templateWeeks,
      create: (body, { signal } = {}) => send({ method: 'post', path: `${A}/template-weeks`, json: body, signal }, json(TemplateWeekSchema)),
      apply: (templateId, body, { signal } = {}) =>
        send({ method: 'post', path: `${A}/template-weeks/${id(templateId)}/apply`, json: body, signal }, json(ApplyTemplateWeekResponseSchema)),
      rename: (templateId, name, { signal } = {}) =>
        send({ method: 'patch', path: `${A}/template-weeks/${id(templateId)}`, json: { name }, signal }, json(TemplateWeekSchema)),
      remove: (templateId, { signal } = {}) => send({ method: 'delete', path: `${A}/template-weeks/${id(templateId)}`, signal }, nothing),
    },
    messages: async (query = {}, { signal } = {}) => (await send({ method: 'get', path: `${A}/messages`, query, signal }, json(MessageListSchema))).messages,
    smsBudget: ({ signal } = {}) => send({ method: 'get', path: `${A}/sms-budget`, signal }, json(SmsBudgetSchema)),
    webhooks: webhookMethods(send, A),
    ...staffAuditMethods(send, A),
  };
}
