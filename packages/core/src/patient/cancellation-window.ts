/**
 * The one cancellation rule. A booking's window is its practitioner's own, when they have one,
 * else the clinic's; cancelling later than `window` hours before the start counts as late. Every
 * place that states or applies the rule (the widget, e-mail, manage page, the cancel routes)
 * asks these functions, so they can never tell a patient two different numbers.
 */
export function cancellationWindowHoursFor(practitionerHours: number | null | undefined, clinicHours: number): number {
  return practitionerHours ?? clinicHours;
}

/** When the window opens: from this instant on a cancellation is late. */
export function cancellationDeadlineMs(startMs: number, windowHours: number): number {
  return startMs - windowHours * 3_600_000;
}

/** Whether cancelling at `nowMs` is late (inside the window). */
export function isLateCancellation(startMs: number, nowMs: number, windowHours: number): boolean {
  return nowMs > cancellationDeadlineMs(startMs, windowHours);
}
