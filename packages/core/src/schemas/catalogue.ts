// Treatment types, practitioners, locations, clients and staff (catalogue/). The shapes the
// public booking client reads (treatment-type, location, client) are modules of their own, apart
// from what only the staff client reads (admin-responses) and the request bodies the server
// checks (requests), so neither side builds schemas it never uses.
export * from './catalogue/treatment-type.js';
export * from './catalogue/location.js';
export * from './catalogue/client.js';
export * from './catalogue/personal-number.js';
export * from './catalogue/admin-responses.js';
export * from './catalogue/requests.js';
export * from './catalogue/staff-sessions.js';
export * from './catalogue/staff-access.js';
export * from './catalogue/audit-log.js';
export * from './catalogue/client-history.js';
