export { clientEndIso, clientEndMs } from './client-time.js';
export { cancellationDeadlineMs, cancellationWindowHoursFor, isLateCancellation } from './cancellation-window.js';
export { bookingEventUid } from './event-uid.js';
