// A clinic and its settings (clinic/): what staff read (settings, clinic), the request bodies
// the server checks (requests), and the defaults the public widget falls back on.
export * from './clinic/settings.js';
export * from './clinic/requests.js';
export * from './clinic/clinic.js';
export * from './clinic/booking-defaults.js';
export * from './clinic/calendar-feed.js';
export * from './clinic/webhooks.js';
