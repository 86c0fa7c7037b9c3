/**
 * The end a patient is told. A booking's calendar length (`end`) includes the practitioner's
 * time after the session (notes); the patient's appointment ends when the time with the client
 * does. Staff views keep `end`; everything a patient reads (the widget, e-mail, SMS, calendar
 * file, manage page, "My bookings") ends here.
 *
 * `clientMinutes` is the treatment type's time with the client. When it is missing, not
 * positive, or longer than the booking (a treatment changed after the booking was made), the
 * calendar end is the safer answer.
 */
export function clientEndMs(startMs: number, endMs: number, clientMinutes: number | null | undefined): number {
  if (!clientMinutes || !(clientMinutes > 0)) return endMs;
  return Math.min(endMs, startMs + clientMinutes * 60_000);
}

/**
 * The same for ISO instants (as the API gives them); answers an ISO instant written as the API
 * writes them (no fraction on whole seconds: `2027-03-03T08:50:00Z`).
 */
export function clientEndIso(start: string, end: string, clientMinutes: number | null | undefined): string {
  return new Date(clientEndMs(Date.parse(start), Date.parse(end), clientMinutes)).toISOString().replace('.000Z', 'Z');
}
