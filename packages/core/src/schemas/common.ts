// What every part of the API shares, one small module per group (common/). Module granularity
// is what keeps the public booking widget small: a zod schema built at module level stays in
// every bundle that imports its module, used or not, so the widget, which needs the e-mail and
// phone formats, must not import the module of the staff's id, time and colour formats.
export * from './common/limits.js';
export * from './common/error-codes.js';
export * from './common/problem.js';
export * from './common/text.js';
export * from './common/fields.js';
export * from './common/instants.js';
export * from './common/contact.js';
export * from './common/enums.js';
export * from './common/deleted.js';
