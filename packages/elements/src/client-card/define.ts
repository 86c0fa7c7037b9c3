/*
 * The client card's chunk: `<tidbok-client-card>` and its texts. `<tidbok-client-panel>`
 * (panel.ts, part of the calendar's first load) loads it with `import()` the first time a card
 * is opened, and hands it what it takes from the first load (kit.ts), so the staff calendar's
 * first load stays within its budget (docs/design.md, Budgets).
 */
export { defineClientCard, TidbokClientCard } from './client-card.js';
