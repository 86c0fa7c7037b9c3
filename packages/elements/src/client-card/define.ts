/*
 * The client card's chunk: `<tidbok-client-card>` and its texts. `<tidbok-client-panel>`
 * (panel.ts, part of the calendar's first load) loads it with `import()` the first time a card
 * is opened, so the staff calendar's first load stays within its budget (docs/design.md, Budgets).
 */
import { define } from '../shared/define.js';
import { TidbokClientCard } from './client-card.js';

/** Registers `<tidbok-client-card>` (safe to call more than once). */
export function defineClientCard(): void {
  define('tidbok-client-card', TidbokClientCard);
}

export { TidbokClientCard };
