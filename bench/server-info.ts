/** What the bench server process (`server-process.ts`) seeds and reports; shared with `http.ts`. */

export const NOW = '2027-05-02T12:00:00Z';
export const DENSE_PRACTITIONERS = 5;
export const HOLDBOOK_PRACTITIONERS = 50;
export const HOLDBOOK_DAYS = 60;
/** First day of the hold + book clinic's working time (UTC), its block and treatment. */
export const HOLDBOOK_FIRST_DAY = '2027-05-04';
export const HOLDBOOK_BLOCK = { startMinute: 7 * 60, minutes: 9 * 60 };
export const HOLDBOOK_DURATION_MINUTES = 45;

/** The line the child prints when it is ready. */
export interface ServerInfo {
  url: string;
  pid: number;
  synchronous: string;
  journalMode: string;
  seedMs: number;
  dense: { slug: string; treatmentTypeId: string; practitionerIds: string[] };
  holdbook: { slug: string; treatmentTypeId: string; practitionerIds: string[] };
}
