import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Every instant is an integer of epoch milliseconds (UTC) and
 * every flag an integer 0/1, so the same queries run on SQLite and PostgreSQL.
 */
export interface Database {
  clinics: ClinicTable;
  staff: StaffTable;
  staff_tokens: StaffTokenTable;
  treatment_types: TreatmentTypeTable;
  practitioners: PractitionerTable;
  practitioner_treatment_types: PractitionerTreatmentTypeTable;
  locations: LocationTable;
  clients: ClientTable;
  working_times: WorkingTimeTable;
  activities: ActivityTable;
  bookings: BookingTable;
  holds: HoldTable;
  idempotency_keys: IdempotencyKeyTable;
  messages: MessageTable;
  sms_known_numbers: SmsKnownNumberTable;
  clinic_counters: ClinicCounterTable;
  receipts: ReceiptTable;
  template_weeks: TemplateWeekTable;
  login_tokens: LoginTokenTable;
  client_sessions: ClientSessionTable;
  access_log: AccessLogTable;
  audit_log: AuditLogTable;
  calendar_feeds: CalendarFeedTable;
  busy_calendars: BusyCalendarTable;
  busy_times: BusyTimeTable;
  client_notes: ClientNoteTable;
  staff_sessions: StaffSessionTable;
  integration_keys: IntegrationKeyTable;
  staff_passkeys: StaffPasskeyTable;
  staff_passwords: StaffPasswordTable;
  staff_invitations: StaffInvitationTable;
  staff_auth_challenges: StaffAuthChallengeTable;
  staff_sign_in_failures: StaffSignInFailureTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  booking_event_sequences: BookingEventSequenceTable;
}

export interface ClinicTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  locale: string;
  booking_module: number;
  /** JSON of BookingSettings; parsed with defaults, so new settings need no migration. */
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface StaffTable {
  id: string;
  clinic_id: string;
  name: string;
  email: string | null;
  role: string;
  practitioner_id: string | null;
  created_at: number;
}

export interface StaffTokenTable {
  id: string;
  clinic_id: string;
  staff_id: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;

  /** A label the owner gave it ("Backup script"); null for tokens made before names existed. */
  name: string | null;
  /** When it stops working; null for tokens that last until revoked. */
  expires_at: number | null;
  /** Updated at most once a minute, so a busy script does not write on every call. */
  last_used_at: number | null;
}

/** A short-lived staff sign-in (services/staff-sessions.ts); its `tss_` token is stored hashed. */
export interface StaffSessionTable {
  id: string;
  clinic_id: string;
  staff_id: string;
  token_hash: string;
  /** How it was opened: 'integration' | 'passkey' | 'password' | 'invitation'. */
  method: string;
  /** The integration key that opened it (revoking the key ends it). */
  integration_key_id: string | null;
  created_at: number;
  expires_at: number;
  /** Ends it after this long without a request; null for no idle limit. */
  idle_timeout_ms: number | null;
  /** Updated at most once a minute. */
  last_seen_at: number;
  revoked_at: number | null;
  /** A short "browser on system, address" summary shown in the list of sessions. */
  client_summary: string | null;
}

/** What an intranet's server holds to open staff sessions (the handshake); stored hashed. */
export interface IntegrationKeyTable {
  id: string;
  clinic_id: string;
  name: string;
  key_hash: string;
  /** The admin who created it. */
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface TreatmentTypeTable {
  id: string;
  clinic_id: string;
  name: string;
  description: string;
  duration_minutes: number;
  client_minutes: number;
  color: string;
  price_cents: number;
  currency: string;
  vat_percent: number;
  online_bookable: number;
  confirmation_text: string;
  sms_text: string;
  position: number;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PractitionerTable {
  id: string;
  clinic_id: string;
  name: string;
  email: string | null;
  title: string | null;
  cancellation_window_hours: number | null;
  position: number;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PractitionerTreatmentTypeTable {
  practitioner_id: string;
  treatment_type_id: string;
}

export interface LocationTable {
  id: string;
  clinic_id: string;
  name: string;
  address: string | null;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Notes about a client for the staff (migration 0022): one text per client. */
export interface ClientNoteTable {
  client_id: string;
  clinic_id: string;
  text: string;
  updated_at: number;
  /** The staff member who wrote the current text; null when they have been removed. */
  updated_by: string | null;
}

export interface ClientTable {
  id: string;
  clinic_id: string;
  name: string;
  email: string | null;
  /** Lower-cased e-mail for matching public bookings to an existing client. */
  email_norm: string | null;
  phone: string | null;
  personal_number: string | null;
  is_test: number;
  /** Set on a client a public booking created whose details did not agree with this stored client. */
  duplicate_of: string | null;
  created_at: number;
  updated_at: number;
  /** The language ('sv' | 'en') the client last booked in; null: the clinic's (migration 0018). */
  locale: string | null;
}

export interface WorkingTimeTable {
  id: string;
  clinic_id: string;
  practitioner_id: string;
  start_ms: number;
  end_ms: number;
  /** JSON array of treatment type ids, or null for all of the practitioner's. */
  treatment_type_ids: string | null;
  location_id: string | null;
  created_at: number;
}

export interface ActivityTable {
  id: string;
  clinic_id: string;
  practitioner_id: string;
  title: string;
  note: string;
  start_ms: number;
  end_ms: number;
  created_at: number;
  updated_at: number;
}

export interface BookingTable {
  id: string;
  clinic_id: string;
  practitioner_id: string;
  treatment_type_id: string;
  location_id: string | null;
  client_id: string;
  status: string;
  start_ms: number;
  end_ms: number;
  note: string;
  late_cancellation: number;
  confirmation: string;
  source: string;
  manage_token_hash: string | null;
  paid_amount_cents: number | null;
  paid_currency: string | null;
  paid_method: string | null;
  paid_at: number | null;
  receipt_number: number | null;
  cancelled_at: number | null;
  created_at: number;
  updated_at: number;
  /** The language ('sv' | 'en') the booking was made in; null: the clinic's (migration 0018). */
  locale: string | null;
}

export interface HoldTable {
  id: string;
  clinic_id: string;
  practitioner_id: string;
  treatment_type_id: string;
  location_id: string | null;
  start_ms: number;
  end_ms: number;
  expires_at: number;
  secret_hash: string;
  client_ip: string | null;
  /** The address's network (IPv6 /64, or the IPv4 address), for the hold cap per network. */
  client_net: string | null;
  /** The logged-in client who made the hold; null for an anonymous visitor. */
  client_id: string | null;
  /** A booking request waiting for its e-mailed link, sealed with the link's token. */
  pending_booking: string | null;
  /** The hash of that link's token. */
  confirm_token_hash: string | null;
  active: number;
  booking_id: string | null;
  created_at: number;
}

export interface IdempotencyKeyTable {
  clinic_id: string;
  scope: string;
  key_hash: string;
  request_hash: string;
  state: string;
  response_status: number | null;
  response_body: string | null;
  created_at: number;
}

export type Unused = Generated<never>;

export interface MessageTable {
  id: string;
  clinic_id: string;
  booking_id: string | null;
  client_id: string | null;
  kind: string;
  channel: string;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  /** JSON: [{ filename, contentType, content }] */
  attachments: string | null;
  secret_url: string | null;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  locked_until: number;
  sent_at: number | null;
  created_at: number;
  /** When this SMS, to a number staff do not know, was counted against the clinic's budget. */
  budget_at: number | null;
  /** Why a `withheld` message was not sent (notifications/sms-guard.ts). */
  withheld_reason: string | null;
}

/** Numbers (E.164) staff entered or booked with: SMS to them are not counted against the budget. */
export interface SmsKnownNumberTable {
  clinic_id: string;
  number: string;
  created_at: number;
}

export interface ClinicCounterTable {
  clinic_id: string;
  name: string;
  value: number;
}

export interface ReceiptTable {
  id: string;
  clinic_id: string;
  booking_id: string;
  number: number;
  amount_cents: number;
  currency: string;
  vat_percent: number;
  vat_cents: number;
  method: string;
  paid_at: number;
  client_name: string;
  treatment_name: string;
  practitioner_name: string;
  service_start: number;
  voided_at: number | null;
  voided_by: string | null;
  created_by: string | null;
}

export interface TemplateWeekTable {
  id: string;
  clinic_id: string;
  name: string;
  practitioner_id: string | null;
  blocks: string;
  bookings: string;
  created_at: number;
  updated_at: number;
}

export interface LoginTokenTable {
  id: string;
  clinic_id: string;
  client_id: string;
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface ClientSessionTable {
  id: string;
  clinic_id: string;
  client_id: string;
  token_hash: string;
  expires_at: number;
  revoked_at: number | null;
  /** 1 for a session staff opened as a test client: valid only while the client is a test client. */
  is_test: number;
  created_at: number;
}

/** Staff actions (migration 0012); `summary` holds field names and times, never free text. */
export interface AuditLogTable {
  id: string;
  clinic_id: string;
  staff_id: string;
  staff_name: string;
  session_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  summary: string;
  created_at: number;
}

export interface AccessLogTable {
  id: string;
  clinic_id: string;
  client_id: string;
  staff_id: string;
  action: string;
  detail: string;
  created_at: number;
}

/** A practitioner's private calendar (migration 0017); its address is sealed at rest. */
export interface BusyCalendarTable {
  practitioner_id: string;
  clinic_id: string;
  url_sealed: string;
  show_titles: number;
  etag: string | null;
  last_modified: string | null;
  /** When a fetch last succeeded (a 304 counts). */
  fetched_at: number | null;
  /** When a full copy was last read and expanded (the window moves; a 304 does not move it). */
  parsed_at: number | null;
  /** When a fetch was last tried. */
  checked_at: number | null;
  last_error: string | null;
  event_count: number;
  next_fetch_at: number;
  locked_until: number;
  created_at: number;
  updated_at: number;
}

/** One busy interval from a practitioner's own calendar, at most a day long. */
export interface BusyTimeTable {
  id: string;
  clinic_id: string;
  practitioner_id: string;
  start_ms: number;
  end_ms: number;
  /** Kept only when the practitioner lets staff see titles. */
  title: string | null;
}

/** A practitioner's calendar subscription: the hash of the secret in its URL (calendar-feed/). */
export interface CalendarFeedTable {
  practitioner_id: string;
  clinic_id: string;
  token_hash: string;
  /** The staff member who made it. */
  created_by: string | null;
  created_at: number;
}

/** A staff member's WebAuthn credential (migration 0014); ids and keys base64url. */
export interface StaffPasskeyTable {
  id: string;
  clinic_id: string;
  staff_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  /** JSON array of the authenticator's transports. */
  transports: string;
  created_at: number;
  last_used_at: number | null;
}

/** A staff member's password (scrypt) and TOTP secret (sealed; null until enrolled). */
export interface StaffPasswordTable {
  staff_id: string;
  clinic_id: string;
  password_hash: string;
  totp_secret: string | null;
  /** The last TOTP time step accepted, so one code signs in once. */
  totp_last_step: number | null;
  updated_at: number;
}

/** A one-time link that lets a new person set a passkey or password. */
export interface StaffInvitationTable {
  id: string;
  clinic_id: string;
  staff_id: string;
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  created_by: string | null;
  created_at: number;
}

/** A WebAuthn challenge handed out and not yet used. */
export interface StaffAuthChallengeTable {
  id: string;
  clinic_id: string;
  /** 'sign-in', 'register' (signed in) or 'invitation'. */
  purpose: string;
  staff_id: string | null;
  challenge: string;
  expires_at: number;
}

/** Failed sign-ins by key (`account:…` or `address:…`): the slow-down and lock-out state. */
export interface StaffSignInFailureTable {
  key: string;
  failures: number;
  locked_until: number;
  updated_at: number;
}

/** Where a clinic's webhook events go (webhooks/); the signing secret sealed with the server key. */
export interface WebhookEndpointTable {
  id: string;
  clinic_id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  include_client_data: number;
  enabled: number;
  secret_sealed: string;
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

/** The webhook outbox: one event for one endpoint, written with the change that caused it. */
export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  clinic_id: string;
  /** The `webhook-id` header: the same on every retry and resend. */
  message_id: string;
  event_type: string;
  /** The exact JSON body sent. */
  payload: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  next_attempt_at: number;
  locked_until: number;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
}

/** One try at a webhook delivery. */
export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempted_at: number;
  status_code: number | null;
  error: string | null;
  ok: number;
  duration_ms: number;
}

/** The SEQUENCE of a booking's calendar event, raised by each move (migration 0019); no row: 0. */
export interface BookingEventSequenceTable {
  booking_id: string;
  sequence: number;
}
