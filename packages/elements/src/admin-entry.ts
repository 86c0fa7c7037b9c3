/**
 * The staff side of the embed bundle, built as `/embed/chunks/admin-[hash].js` (rollup.config.mjs):
 * `tidbok.js` imports it only when a `<tidbok-admin>` or `<tidbok-template-weeks>` appears in the
 * page (embed.ts) or when a staff token is given (`connect()` imports the staff SDK from here), so
 * a clinic's public website never downloads the staff calendar. Importing it registers the staff
 * calendar's elements; the ones already in the page upgrade in place.
 */
import { loadAdminClient } from './context.js';
import { defineCalendarElements } from './admin/calendar-elements.js';
import { loadTemplateWeeks } from './template-weeks/load.js';
import { defineLazily } from './shared/lazy-define.js';

export { createTidbokAdmin } from './shared/admin-client.js';

// Before the elements upgrade, so that `connect()` hands them the staff client itself rather than
// a stand-in that waits for it (here the staff SDK is in this same file: no request).
await loadAdminClient();
// The settings elements come with the Settings tab (admin-settings/define.ts, a chunk of its own).
defineCalendarElements();
// <tidbok-template-weeks> is a chunk of its own too: <tidbok-admin> loads it when its panel is
// opened; a page of its own that has the tag gets it now (or when the tag appears).
defineLazily(['tidbok-template-weeks'], loadTemplateWeeks);
