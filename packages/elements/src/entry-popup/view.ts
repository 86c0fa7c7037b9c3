/**
 * The popup's templates and texts, a chunk of its own: loaded when a popup first opens, so the
 * calendar's first load stays within its budget (docs: packages/elements/README.md). The
 * element (entry-popup.ts) keeps the state; this is everything it draws.
 */
export { renderFields } from './fields.js';
export { renderFooter, renderHeader, renderTabs } from './parts.js';
export { moreItems, notSentText, renderMessages, statusDone, statusQuestion, statusVerb, undoneText } from './booking-actions.js';
export { popupMessages } from './messages.js';
