import { bookingEventUid, clientEndMs, type IcsEvent } from '@tidbok/core';

export interface BookingEventFacts {
  id: string;
  start_ms: number;
  end_ms: number;
  client_minutes: number | null;
  treatment_name: string;
  practitioner_name: string;
  location_name: string | null;
  location_address: string | null;
}

/**
 * What a booking's calendar event says, wherever the server writes one (the e-mailed file, the
 * manage page's "Add to calendar"): one UID (bookingEventUid, as the widget's file), the
 * patient's end (the time with the client), the treatment and clinic, the place. The caller adds
 * the stamp, and the SEQUENCE and method for updates and cancellations.
 */
export function bookingEvent(b: BookingEventFacts, clinicName: string): Omit<IcsEvent, 'stamp'> {
  return {
    uid: bookingEventUid(b.id),
    start: b.start_ms,
    end: clientEndMs(b.start_ms, b.end_ms, b.client_minutes),
    summary: `${b.treatment_name} – ${clinicName}`,
    location: [b.location_name, b.location_address].filter(Boolean).join(', ') || clinicName,
    description: b.practitioner_name,
  };
}
