import {
  type BookingSettings,
  BookingSettingsSchema,
  type Client,
  DEFAULT_BOOKING_SETTINGS,
  type Location,
  type Locale,
  type Practitioner,
  type Settings,
  type Staff,
  type StaffRole,
  type TreatmentType,
} from '@tidbok/core';
import type { Selectable } from 'kysely';
import * as z from 'zod/mini';
import type { ClientTable, ClinicTable, LocationTable, PractitionerTable, StaffTable, TreatmentTypeTable } from '../store/schema.js';
import { iso } from '../time.js';

export type ClinicRow = Selectable<ClinicTable>;
export type StaffRow = Selectable<StaffTable>;
export type TreatmentTypeRow = Selectable<TreatmentTypeTable>;
export type PractitionerRow = Selectable<PractitionerTable>;
export type LocationRow = Selectable<LocationTable>;
export type ClientRow = Selectable<ClientTable>;

/**
 * Stored settings are merged over the defaults field by field, so a setting added in a later
 * release has its default for clinics created before it, and a bad stored value cannot break reads.
 */
export function bookingSettingsOf(clinic: ClinicRow): BookingSettings {
  // Parsed and checked once per distinct stored text (a request reads them several times, and
  // every request of a clinic reads the same text); a copy each time, so callers may modify it.
  let merged = parsedSettings.get(clinic.settings);
  if (!merged) {
    merged = parseBookingSettings(clinic.settings);
    if (parsedSettings.size >= PARSED_SETTINGS_MAX) parsedSettings.clear();
    parsedSettings.set(clinic.settings, merged);
  }
  return { ...merged, allowedOrigins: [...merged.allowedOrigins] };
}

const PARSED_SETTINGS_MAX = 1000;
const parsedSettings = new Map<string, BookingSettings>();

function parseBookingSettings(settings: string): BookingSettings {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(settings);
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const merged: Record<string, unknown> = { ...DEFAULT_BOOKING_SETTINGS };
  const shape = BookingSettingsSchema.shape as Record<string, z.core.$ZodType>;
  for (const [key, value] of Object.entries(stored)) {
    const field = shape[key];
    if (field && z.safeParse(field, value).success) merged[key] = value;
  }
  return merged as BookingSettings;
}

export function settingsOf(clinic: ClinicRow): Settings {
  return {
    name: clinic.name,
    timeZone: clinic.time_zone,
    locale: clinic.locale as Locale,
    modules: { booking: clinic.booking_module === 1 },
    booking: bookingSettingsOf(clinic),
  };
}

export function clinicOf(row: ClinicRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    locale: row.locale as Locale,
    createdAt: iso(row.created_at),
  };
}

export function staffOf(row: StaffRow): Staff {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as StaffRole,
    practitionerId: row.practitioner_id,
    createdAt: iso(row.created_at),
  };
}

export function treatmentTypeOf(row: TreatmentTypeRow): TreatmentType {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    durationMinutes: row.duration_minutes,
    clientMinutes: row.client_minutes,
    color: row.color,
    priceCents: row.price_cents,
    currency: row.currency,
    vatPercent: row.vat_percent,
    onlineBookable: row.online_bookable === 1,
    confirmationText: row.confirmation_text,
    smsText: row.sms_text,
  };
}

export function practitionerOf(row: PractitionerRow, treatmentTypeIds: string[]): Practitioner {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    title: row.title,
    cancellationWindowHours: row.cancellation_window_hours,
    treatmentTypeIds,
  };
}

export function locationOf(row: LocationRow): Location {
  return { id: row.id, name: row.name, address: row.address };
}

export function clientOf(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    personalNumber: row.personal_number,
    isTest: row.is_test === 1,
    duplicateOf: row.duplicate_of,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
