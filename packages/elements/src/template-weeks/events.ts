import type { ApplyTemplateWeekResponse } from '@tidbok/sdk';

/*
 * The events of `<tidbok-template-weeks>`. Each bubbles and is composed (docs/design.md, Elements),
 * so `<tidbok-admin>` or the page hears it from outside every shadow root, and each has an entry
 * in `GlobalEventHandlersEventMap` so `addEventListener` sees the typed `detail`.
 */

export interface TemplateAppliedDetail {
  templateId: string;
  /** The Mondays (local dates) the template was pasted into. */
  weekStarts: string[];
  /** What the server made (with ids), as `apply` answered. */
  created: ApplyTemplateWeekResponse['created'];
  /** What it left out, with reasons. */
  skipped: ApplyTemplateWeekResponse['skipped'];
}

/** Fired after a template week was pasted: the calendar should fetch the weeks again. */
export class TidbokTemplateAppliedEvent extends CustomEvent<TemplateAppliedDetail> {
  constructor(detail: TemplateAppliedDetail) {
    super('tidbok-template-applied', { detail, bubbles: true, composed: true });
  }
}

export interface WorkingTimeDeletedDetail {
  /** How many blocks of working time the server deleted. */
  deleted: number;
  /** The week cleared: its Monday and Sunday (local dates, both included). */
  from: string;
  to: string;
  /** The practitioner whose working time was deleted, or null for everyone's. */
  practitionerId: string | null;
}

/** Fired after "Delete → All visible working time": the calendar should fetch the week again. */
export class TidbokWorkingTimeDeletedEvent extends CustomEvent<WorkingTimeDeletedDetail> {
  constructor(detail: WorkingTimeDeletedDetail) {
    super('tidbok-working-time-deleted', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-template-applied': TidbokTemplateAppliedEvent;
    'tidbok-working-time-deleted': TidbokWorkingTimeDeletedEvent;
  }
}
