/*
 * `<tidbok-template-weeks>`, the "Template weeks" panel of the staff calendar. The class does not
 * register itself (the package is side-effect free): call `defineTemplateWeeks()` once, or
 * `customElements.define('tidbok-template-weeks', TidbokTemplateWeeks)`.
 */
import { TidbokTemplateWeeks } from './template-weeks.js';

export { TidbokTemplateWeeks } from './template-weeks.js';
export { TidbokTemplateAppliedEvent, TidbokWorkingTimeDeletedEvent } from './events.js';
export type { TemplateAppliedDetail, WorkingTimeDeletedDetail } from './events.js';
export { TemplateWeeksController } from './template-weeks-controller.js';
export type { TemplateWeeksControllerOptions, TemplateWeeksStatus } from './template-weeks-controller.js';
export { addWeeks, alternateMondays, MAX_WEEKS, mondayOrEmpty, mondaysBetween, parityOf, weekEndOf } from './week-math.js';
export type { WeekParity } from './week-math.js';
export { isoWeekOf } from '../shared/dates.js';
export type { IsoWeek } from '../shared/dates.js';

/** Registers `<tidbok-template-weeks>` unless the tag is taken (safe to call more than once). */
export function defineTemplateWeeks(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('tidbok-template-weeks')) registry.define('tidbok-template-weeks', TidbokTemplateWeeks);
}
