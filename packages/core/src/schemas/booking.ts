// Booking (booking/). What the public booking client reads: public-clinic, slots, hold, bookings,
// login. What the staff client reads: calendar, template-weeks, messages, client-access. The
// request bodies the server checks: requests (public API) and admin-requests (staff API).
export * from './booking/public-clinic.js';
export * from './booking/slots.js';
export * from './booking/hold.js';
export * from './booking/bookings.js';
export * from './booking/login.js';
export * from './booking/requests.js';
export * from './booking/calendar.js';
export * from './booking/template-weeks.js';
export * from './booking/messages.js';
export * from './booking/client-access.js';
export * from './booking/admin-requests.js';
export * from './booking/admin-holds.js';
export * from './booking/pending-booking.js';
export * from './booking/busy-calendar.js';
export * from './booking/reschedule.js';
export * from './booking/receipt.js';
