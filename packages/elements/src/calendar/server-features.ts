/**
 * Staff actions that need server routes which came after the calendar (docs/api.md lists them; the
 * SDK has the methods): booking confirmations, payments and receipts. While a flag is false
 * the More menu shows the action disabled with an "available when …" hint; when true it calls
 * the SDK. The server has all three now, so they are on; a page whose server lacks one turns
 * it off with the `features` property of `<tidbok-calendar>` / `<tidbok-admin>`.
 */
export interface ServerFeatures {
  /** `POST …/admin/bookings/:id/confirmation` */
  confirmations: boolean;
  /** `POST …/admin/bookings/:id/payment` (and `/payment/void`) */
  payments: boolean;
  /** `GET …/admin/bookings/:id/receipt` and `POST …/receipt/send` */
  receipts: boolean;
}

export const SERVER_FEATURES: Readonly<ServerFeatures> = Object.freeze({
  confirmations: true,
  payments: true,
  receipts: true,
});
