/**
 * The UID of a booking's calendar event (RFC 5545, 3.8.4.7). One per booking wherever the
 * calendar file comes from (the e-mailed confirmation, the widget's download, later updates and
 * cancellations), so a patient who adds two of them gets one event that follows the booking.
 * It depends on the booking id alone: the widget and the server may name the host differently.
 */
export function bookingEventUid(bookingId: string): string {
  return `${bookingId}@tidbok`;
}
