/*
 * The receipt's chunk: `<tidbok-receipt>` and its texts, loaded by view.ts the first time the
 * entry popup shows a paid booking and handed what it takes from the first load
 * (client-card/kit.ts), so the staff calendar's first load stays within its budget
 * (docs/design.md, Budgets).
 */
export { defineReceipt, TidbokReceipt } from './receipt.js';
