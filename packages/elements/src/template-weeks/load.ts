/**
 * Loads and registers `<tidbok-template-weeks>` from a chunk of its own (planning work, not needed
 * to run the day): `<tidbok-admin>` calls it when its Template weeks panel is opened, the embed's
 * staff chunk when a page has the tag itself (admin-entry.ts).
 */
export const loadTemplateWeeks = (): Promise<void> => import('./index.js').then((module) => module.defineTemplateWeeks());
