import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a popover goes relative to its anchor: beside it (left or right) or below it. */
export type PopoverSide = 'beside' | 'below';

export interface PopoverOptions {
  /** The popover box in the host's shadow root (position: fixed); undefined while not rendered. */
  box: () => HTMLElement | undefined;
  /** What it belongs to on screen; null centres it in the window. */
  anchor: () => DOMRect | null;
  side?: PopoverSide;
  /** Called once each time the popover is placed for the first time after `reset()`: focus into it. */
  opened?: () => void;
}

const MARGIN = 8;
const GAP = 12;

/**
 * Places a fixed popover beside (or below) its anchor and keeps it inside the window, also when
 * its content grows (a ResizeObserver on the box), and remembers where focus was when it opened
 * so it can go back there (`returnFocus`). Any popup of the staff side can use it: the entry
 * popup does (entry-popup.ts); the calendar's own dialogs may later.
 *
 * The host calls `reset()` when it starts showing something new (another entry), which makes the
 * next update place it afresh and call `opened`.
 */
export class PopoverController implements ReactiveController {
  private placedFor: DOMRect | null | undefined;
  private observed: HTMLElement | undefined;
  private readonly resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.keepInView()) : undefined;
  private focusBefore: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PopoverOptions,
  ) {
    host.addController(this);
  }

  /** Place afresh on the next update, and remember the focused element to return to. */
  reset(): void {
    this.placedFor = undefined;
    this.focusBefore = deepActiveElement();
  }

  hostUpdated(): void {
    const box = this.options.box();
    if (!box) return;
    if (this.observed !== box) {
      this.resizeObserver?.disconnect();
      this.observed = box;
      this.resizeObserver?.observe(box);
    }
    const anchor = this.options.anchor();
    if (this.placedFor !== anchor) {
      const first = this.placedFor === undefined;
      this.placedFor = anchor;
      this.place(box, anchor);
      if (first) this.options.opened?.();
    }
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.observed = undefined;
  }

  /** Focus goes back where it was when the popover opened, if that element is still there. */
  returnFocus(): boolean {
    const target = this.focusBefore;
    this.focusBefore = null;
    if (!target?.isConnected) return false;
    target.focus();
    return true;
  }

  private place(box: HTMLElement, a: DOMRect | null) {
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    let left = (vw - width) / 2;
    let top = Math.max(MARGIN, (vh - height) / 3);
    if (a && this.options.side === 'below') {
      left = a.right - width;
      top = a.bottom + 6;
    } else if (a) {
      if (a.right + GAP + width <= vw - MARGIN) left = a.right + GAP;
      else if (a.left - GAP - width >= MARGIN) left = a.left - GAP - width;
      top = a.top;
    }
    box.style.left = `${Math.round(Math.max(MARGIN, Math.min(left, vw - width - MARGIN)))}px`;
    box.style.top = `${Math.round(Math.max(MARGIN, Math.min(top, vh - height - MARGIN)))}px`;
  }

  private keepInView() {
    const box = this.options.box();
    if (!box) return;
    const rect = box.getBoundingClientRect();
    if (rect.bottom > window.innerHeight - MARGIN) box.style.top = `${Math.round(Math.max(MARGIN, window.innerHeight - rect.height - MARGIN))}px`;
  }
}

/** The focused element, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
