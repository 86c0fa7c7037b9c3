import { html, nothing, type TemplateResult } from 'lit';
import { staffKit } from '../client-card/kit.js';
import type { Locale } from '../i18n.js';

let loaded: Promise<void> | undefined;
/**
 * `<tidbok-receipt>` is a chunk of its own (define.ts), loaded the first time a paid booking is
 * shown; until then the tag waits undefined and Lit hands it its properties when it upgrades.
 */
function loadReceipt(): void {
  loaded ??= import('./define.js').then(
    (m) => m.defineReceipt(staffKit),
    () => {
      loaded = undefined;
    },
  );
}

/**
 * The receipt of a booking, for the entry popup to place in its body: nothing for an unpaid
 * booking. The popup's one line: `${receiptView(entry, this.locale)}`.
 */
export function receiptView(entry: { kind: string; id: string; paid?: unknown } | null | undefined, locale: Locale): TemplateResult | typeof nothing {
  if (entry?.kind !== 'booking' || !entry.paid) return nothing;
  loadReceipt();
  return html`<tidbok-receipt booking-id=${entry.id} .locale=${locale}></tidbok-receipt>`;
}
