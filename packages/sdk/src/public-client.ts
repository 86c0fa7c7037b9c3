import {
  type Booking,
  type BookingClient,
  BookingListSchema,
  BookingSchema,
  type ConfirmationChannel,
  type CreateBookingResponse,
  CreateBookingResponseSchema,
  PendingBookingSchema,
  type PendingBooking,
  type CreateHoldBody,
  type Hold,
  HoldSchema,
  type ListSlotsQuery,
  type ListSlotsResponse,
  type Locale,
  ListSlotsResponseSchema,
  type PublicClinic,
  PublicClinicSchema,
  type SessionOwner,
  SessionOwnerSchema,
  type VerifyLoginResponse,
  VerifyLoginResponseSchema,
} from '@tidbok/core';
import * as z from 'zod/mini';
import { newIdempotencyKey } from './idempotency-key.js';
import type { WithInstants } from './instants.js';
import { createTransport, json, nothing, type RequestOptions, type TransportOptions } from './transport.js';

export type TidbokOptions = TransportOptions;

/** `from`/`to` take a `Date`, an instant string or a local date `YYYY-MM-DD` (`to` inclusive). */
export type SlotsQuery = WithInstants<ListSlotsQuery>;
export type HoldInput = WithInstants<CreateHoldBody> & {
  /** As for `book()`: a fresh UUID when absent, reused by the SDK's own retries of this call. */
  idempotencyKey?: string;
  /**
   * The client's session, when logged in: required where the clinic takes bookings from
   * logged-in clients only, and a logged-in client's holds do not count against the cap on
   * anonymous holds per practitioner-day.
   */
  session?: ClientSession | string;
};

export interface BookInput {
  /** The hold from `hold()`; only its `id` and `secret` are sent. */
  hold: Pick<Hold, 'id' | 'secret'>;
  /** Who is booked; may be left out when `session` is given (the session's client is booked). */
  client?: BookingClient;
  confirmation: ConfirmationChannel;
  note?: string;
  /** The language the booking was made in: its e-mails, SMS and manage page use it. */
  locale?: Locale;
  /** A logged-in client's session (from `verifyLogin()`): books as that client. */
  session?: ClientSession;
  /**
   * Sent as `Idempotency-Key`. A fresh UUID when absent; the SDK's own retries of this call reuse
   * it. Pass your own and reuse it when *you* retry after a `network_error` or `timeout`, so the
   * repeat is answered with the first booking instead of making a second.
   */
  idempotencyKey?: string;
}

export interface RescheduleInput {
  /** The hold on the new time; only its `id` and `secret` are sent. */
  hold: Pick<Hold, 'id' | 'secret'>;
  /** Sent as `Idempotency-Key`, as for `book()`: a fresh UUID when absent. */
  idempotencyKey?: string;
}

/** A booking's manage token (from `book()` or the confirmation link) or a client session token. */
export interface TokenOptions extends RequestOptions {
  token: string;
}

/** What `verifyLogin()` returned, or just its `sessionToken`. */
export type ClientSession = string | Pick<VerifyLoginResponse, 'sessionToken'>;

/** The public and client side of one clinic. */
export interface Tidbok {
  /** The clinic's public info: name, time zone, online-bookable treatment types, practitioners, locations. */
  clinic(options?: RequestOptions): Promise<PublicClinic>;
  /** Free start times, sorted by start (docs/design.md, "The rules that make a slot"). At most 62 days. */
  slots(query: SlotsQuery, options?: RequestOptions): Promise<ListSlotsResponse>;
  /**
   * Holds a time while the visitor types; `slot_unavailable` when it is no longer free. Sent with
   * an `Idempotency-Key`, so a retry after a lost answer gets the same hold instead of leaving an
   * orphan hold that blocks the visitor's own time until it expires.
   */
  hold(input: HoldInput, options?: RequestOptions): Promise<Hold>;
  /** Gives a hold up before it expires. */
  releaseHold(hold: Pick<Hold, 'id' | 'secret'>, options?: RequestOptions): Promise<void>;
  /**
   * Turns a hold into a booking. Safe to retry: see `BookInput.idempotencyKey`. Where the clinic
   * has anonymous bookings confirmed by e-mail, the answer is a `PendingBooking` instead
   * (`status: 'awaiting-email'`): nothing is booked until the visitor opens the e-mailed link.
   */
  book(input: BookInput, options?: RequestOptions): Promise<CreateBookingResponse | PendingBooking>;
  /** A booking, with its manage token or the client's session token. */
  booking(id: string, options: TokenOptions): Promise<Booking>;
  /** Cancels a booking; `lateCancellation` is set when inside the cancellation window. */
  cancel(id: string, options: TokenOptions): Promise<Booking>;
  /**
   * Moves a booking to the time of a hold (from `hold()` for the booking's treatment type): the
   * same booking, at the new time, with the same manage token. Refused with
   * `inside_cancellation_window` once the booking's cancellation window has started, and with
   * `slot_unavailable` when the hold ran out and someone else took the time (the booking is then
   * unchanged). Safe to retry: see `RescheduleInput.idempotencyKey`.
   */
  reschedule(id: string, input: RescheduleInput, options: TokenOptions): Promise<Booking>;
  /** Sends a login link by e-mail. Resolves whether or not the address is known (no enumeration). */
  requestLoginLink(email: string, options?: RequestOptions): Promise<void>;
  /**
   * Whose login link this is, without using it up: show it and ask before `verifyLogin()`, so a
   * link someone else sent does not log the visitor in as them. `unauthorized` for a dead link.
   */
  loginLinkOwner(token: string, options?: RequestOptions): Promise<SessionOwner>;
  /** Exchanges the link's token for a client session. */
  verifyLogin(token: string, options?: RequestOptions): Promise<VerifyLoginResponse>;
  /** Whose session this is: ask before keeping a session that came from elsewhere (a link). */
  sessionOwner(session: ClientSession, options?: RequestOptions): Promise<SessionOwner>;
  /** The logged-in client's bookings. */
  myBookings(session: ClientSession, options?: RequestOptions): Promise<Booking[]>;
  /** Ends a client session. */
  logout(session: ClientSession, options?: RequestOptions): Promise<void>;
}

const id = encodeURIComponent;

/**
 * The client for a clinic's public booking flow and its clients' own pages. Needs no credentials;
 * the calls about one booking take its manage token, the client pages a session.
 *
 * @example
 * const tidbok = createTidbok({ baseUrl: 'https://book.clinic.example', clinic: 'demo' });
 * const { treatmentTypes } = await tidbok.clinic();
 * const { slots } = await tidbok.slots({ treatmentTypeId: treatmentTypes[0].id, from: '2027-03-01', to: '2027-03-07' });
 */
export function createTidbok(options: TidbokOptions): Tidbok {
  const send = createTransport(options);

  return {
    clinic: ({ signal } = {}) => send({ method: 'get', path: '', signal }, json(PublicClinicSchema)),
    slots: (query, { signal } = {}) => send({ method: 'get', path: '/slots', query: query, signal }, json(ListSlotsResponseSchema)),
    hold: ({ idempotencyKey, session, ...body }, { signal } = {}) =>
      send(
        {
          method: 'post',
          path: '/holds',
          json: body,
          idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
          ...(session ? { token: typeof session === 'string' ? session : session.sessionToken } : {}),
          signal,
        },
        json(HoldSchema),
      ),
    releaseHold: (hold, { signal } = {}) =>
      send({ method: 'delete', path: `/holds/${id(hold.id)}`, headers: { 'tidbok-hold-secret': hold.secret }, signal }, nothing),
    book: ({ hold, idempotencyKey, session, ...body }, { signal } = {}) =>
      send(
        {
          method: 'post',
          path: '/bookings',
          json: { holdId: hold.id, holdSecret: hold.secret, ...body },
          idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
          ...(session ? { token: typeof session === 'string' ? session : session.sessionToken } : {}),
          signal,
        },
        json(z.union([CreateBookingResponseSchema, PendingBookingSchema])),
      ),
    booking: (bookingId, { token, signal }) => send({ method: 'get', path: `/bookings/${id(bookingId)}`, token, signal }, json(BookingSchema)),
    cancel: (bookingId, { token, signal }) => send({ method: 'post', path: `/bookings/${id(bookingId)}/cancel`, token, signal }, json(BookingSchema)),
    reschedule: (bookingId, { hold, idempotencyKey }, { token, signal }) =>
      send(
        {
          method: 'post',
          path: `/bookings/${id(bookingId)}/reschedule`,
          json: { holdId: hold.id, holdSecret: hold.secret },
          idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
          token,
          signal,
        },
        json(BookingSchema),
      ),
    requestLoginLink: (email, { signal } = {}) => send({ method: 'post', path: '/auth/email-link', json: { email }, signal }, nothing),
    loginLinkOwner: (token, { signal } = {}) => send({ method: 'post', path: '/auth/link-owner', json: { token }, signal }, json(SessionOwnerSchema)),
    verifyLogin: (token, { signal } = {}) => send({ method: 'post', path: '/auth/verify', json: { token }, signal }, json(VerifyLoginResponseSchema)),
    sessionOwner: (session, { signal } = {}) =>
      send({ method: 'get', path: '/me', token: typeof session === 'string' ? session : session.sessionToken, signal }, json(SessionOwnerSchema)),
    myBookings: async (session, { signal } = {}) => {
      const token = typeof session === 'string' ? session : session.sessionToken;
      return (await send({ method: 'get', path: '/me/bookings', token, signal }, json(BookingListSchema))).bookings;
    },
    logout: (session, { signal } = {}) =>
      send({ method: 'post', path: '/auth/logout', token: typeof session === 'string' ? session : session.sessionToken, signal }, nothing),
  };
}
