import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Something focus can go back to once the grid has been drawn again. */
export type Focusable = { entryId: string } | { day: number } | { selector: string };

/**
 * Focus return for the calendar (packages/elements/README.md, keyboard rules): remembers what had
 * focus when a popup or dialog opened (`returnTo`) and focuses it again after the render that
 * closes it, finding it anew by entry id, column index or selector because Lit may have redrawn it.
 */
export class FocusReturnController implements ReactiveController {
  /** Where focus goes when the open popup or dialog closes. */
  returnTo: Focusable | null = null;
  #after: Focusable | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The element for `target` in the host's shadow root, if it is drawn. */
  find(target: Focusable): HTMLElement | null {
    const root = this.host.shadowRoot;
    if (!root) return null;
    if ('entryId' in target) return root.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(target.entryId)}"][tabindex]`);
    if ('day' in target) return root.querySelector<HTMLElement>(`.day-body[data-day="${target.day}"]`);
    return root.querySelector<HTMLElement>(target.selector);
  }

  /** What has focus now: an entry, a column or a toolbar control with an id. */
  current(): Focusable | null {
    const active = this.host.shadowRoot?.activeElement as HTMLElement | null;
    if (!active) return null;
    const entryId = active.closest<HTMLElement>('[data-entry-id]')?.dataset.entryId;
    if (entryId) return { entryId };
    const day = active.closest<HTMLElement>('.day-body')?.dataset.day;
    if (day !== undefined) return { day: Number(day) };
    if (active.id) return { selector: `#${CSS.escape(active.id)}` };
    return null;
  }

  /** Focuses `target` after the next render. */
  focusAfterRender(target: Focusable) {
    this.#after = target;
    this.host.requestUpdate();
  }

  /** Sends focus back to `returnTo` (after the next render) and forgets it. */
  restore() {
    if (this.returnTo) this.focusAfterRender(this.returnTo);
    this.returnTo = null;
  }

  hostUpdated() {
    const target = this.#after;
    if (!target) return;
    this.#after = null;
    this.find(target)?.focus();
  }
}
