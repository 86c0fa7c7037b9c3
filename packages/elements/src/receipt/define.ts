/*
 * The receipt's chunk: `<tidbok-receipt>` and its texts, loaded by view.ts the first time the
 * entry popup shows a paid booking, so the staff calendar's first load stays within its budget
 * (docs/design.md, Budgets).
 */
import { define } from '../shared/define.js';
import { TidbokReceipt } from './receipt.js';

/** Registers `<tidbok-receipt>` (safe to call more than once). */
export function defineReceipt(): void {
  define('tidbok-receipt', TidbokReceipt);
}

export { TidbokReceipt };
