import type { Messages } from '../../i18n.js';

/**
 * The texts of the popup's review parts (a visitor's hold, a possible duplicate client), in
 * Swedish and English. A table of their own so they come with the lazily loaded chunk
 * (define.ts), not with the calendar's first load.
 */
export const reviewMessages = {
  // A hold
  heldBy: { sv: 'Reserverad av en besökare till {time}.', en: 'Held by a visitor until {time}.' },
  heldByClient: { sv: 'Reserverad av en inloggad klient till {time}.', en: 'Held by a logged-in client until {time}.' },
  network: { sv: 'Nätverk', en: 'Network' },
  networkUnknown: { sv: 'okänt', en: 'unknown' },
  networkHolds: {
    sv: '{count} aktiva reservationer från det här nätverket',
    en: '{count} active holds from this network',
  },
  networkHold: { sv: 'den enda aktiva reservationen från det här nätverket', en: 'the only active hold from this network' },
  holdGone: { sv: 'Reservationen har redan gått ut eller släppts.', en: 'The hold has already ended or been released.' },
  release: { sv: 'Släpp tiden', en: 'Release the time' },
  confirmRelease: {
    sv: 'Tiden blir ledig att boka igen; besökarens bokning kommer att misslyckas.',
    en: "The time becomes free for booking again; the visitor's booking will fail.",
  },
  releaseYes: { sv: 'Släpp', en: 'Release' },
  // A possible duplicate client
  duplicateOf: {
    sv: 'Möjligen samma person som {who} – bokningen gjordes utan inloggning med uppgifter som skiljer sig från de sparade.',
    en: 'Possibly the same person as {who} — the booking was made without logging in with details that differ from the stored ones.',
  },
  mergeInto: { sv: 'Slå ihop med {name}', en: 'Merge into {name}' },
  confirmMerge: {
    sv: 'Bokningarna flyttas till {name}; de sparade uppgifterna för {name} ändras inte; det går inte att ångra.',
    en: "The bookings move to {name}; {name}'s stored details stay as they are; this cannot be undone.",
  },
  mergeYes: { sv: 'Slå ihop', en: 'Merge' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
} satisfies Messages<string>;

export type ReviewMessageKey = keyof typeof reviewMessages;
