import type { Messages } from '../i18n.js';

/**
 * The few texts of the calendar's first load that belong to the client card (the button that
 * opens it, the panel while its chunk loads); the card's own texts are in messages.ts, which is
 * part of the card's lazily loaded chunk.
 */
export const clientPanelMessages = {
  openCard: { sv: 'Klientkort', en: 'Client card' },
  // Starts with the button's visible text, so speech input finds it by what it shows.
  openCardFor: { sv: 'Klientkort för {name}', en: 'Client card for {name}' },
  loading: { sv: 'Hämtar klientkortet …', en: 'Loading the client card …' },
} satisfies Messages<string>;
