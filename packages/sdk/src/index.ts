export { createTidbok } from './public-client.js';
export type { BookInput, ClientSession, HoldInput, SlotsQuery, Tidbok, TidbokOptions, TokenOptions } from './public-client.js';
export { createTidbokAdmin } from './admin-client.js';
export type {
  ApplyTemplateWeekResponse,
  CalendarQuery,
  ClientResource,
  CreateActivityInput,
  CreateAdminBookingInput,
  CreateWorkingTimeInput,
  PractitionerResource,
  Resource,
  StaffResource,
  TidbokAdmin,
  TidbokAdminOptions,
  TokenSource,
  UpdateActivityInput,
  UpdateAdminBookingInput,
  UpdateStaffBody,
  UpdateWorkingTimeInput,
  WorkingTimeRangeQuery,
} from './admin-client.js';
export { isTidbokError, TidbokError } from './errors.js';
export type { TidbokErrorCode, TidbokErrorOptions } from './errors.js';
export type { FetchLike, RequestOptions, RetryOptions, TransportOptions } from './transport.js';
export type { Instant, WithInstants } from './instants.js';
// The shapes the methods return, so an app needs no direct dependency on @tidbok/core for types.
export type {
  Activity,
  Booking,
  BookingClient,
  BookingStatus,
  CalendarEntry,
  CalendarResponse,
  Client,
  ConfirmationChannel,
  CreateBookingResponse,
  CreateStaffResponse,
  DeletedResponse,
  ErrorCode,
  Hold,
  ListSlotsResponse,
  Location,
  Message,
  Payment,
  PaymentMethod,
  Practitioner,
  Problem,
  PublicClinic,
  PublicPractitioner,
  Settings,
  Slot,
  Staff,
  StaffRole,
  TemplateWeek,
  TreatmentType,
  VerifyLoginResponse,
  WorkingTime,
} from '@tidbok/core';
