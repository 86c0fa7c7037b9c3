export * from './schemas/common.js';
export * from './schemas/clinic.js';
export * from './schemas/catalogue.js';
export * from './schemas/booking.js';
