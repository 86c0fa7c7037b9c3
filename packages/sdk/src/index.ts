export { createTidbok } from './public-client.js';
export type { BookInput, ClientSession, HoldInput, SlotsQuery, Tidbok, TidbokOptions, TokenOptions } from './public-client.js';
export { createTidbokAdmin } from './admin-client.js';
export { createStaffSession } from './staff-session.js';
export type { CreateStaffSessionOptions } from './staff-session.js';
export type { StaffAccessMethods } from './admin-staff-access.js';
export type { TokenProvider } from './token-provider.js';
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
export { verifyWebhook, WebhookVerificationError } from './verify-webhook.js';
export type { HeaderSource, VerifyWebhookOptions, WebhookEvent } from './verify-webhook.js';
export type { WebhookMethods } from './admin-webhooks.js';
export type { TidbokErrorCode, TidbokErrorOptions } from './errors.js';
export type { FetchLike, RequestOptions, RetryOptions, TransportOptions } from './transport.js';
export type { Instant, WithInstants } from './instants.js';
// The shapes the methods return, so an app needs no direct dependency on @tidbok/core for types.
export type {
  AccessLogEntry,
  CreateIntegrationKeyResponse,
  CreatePersonalTokenBody,
  CreatePersonalTokenResponse,
  CreateStaffSessionResponse,
  IntegrationKey,
  PersonalToken,
  StaffSession,
  StaffSessionMethod,
  AdminHold,
  SmsBudget,
  Activity,
  ApplyTemplateWeekBody,
  TestSessionResponse,
  CreateClientBody,
  CreateTemplateWeekBody,
  SetBusyCalendarBody,
  Booking,
  BookingClient,
  BookingStatus,
  CalendarEntry,
  BusyCalendarRefresh,
  BusyCalendarStatus,
  CalendarFeedCreated,
  CalendarFeedStatus,
  CalendarResponse,
  Client,
  ConfirmationChannel,
  CreateBookingResponse,
  PendingBooking,
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
  SessionOwner,
  Settings,
  Slot,
  Staff,
  StaffRole,
  TemplateBlock,
  TemplateBooking,
  TemplateWeek,
  TreatmentType,
  UpdateClientBody,
  VerifyLoginResponse,
  WorkingTime,
  WebhookAttempt,
  WebhookCreated,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointDetail,
  WebhookEventType,
  CreateWebhookBody,
  UpdateWebhookBody,
} from '@tidbok/core';
