import type { Messages } from '../i18n.js';

/** The client card's texts (packages/elements/README.md, Texts and the language). */
export const clientCardMessages = {
  card: { sv: 'Klientkort', en: 'Client card' },
  close: { sv: 'Stäng klientkortet', en: 'Close the client card' },
  loading: { sv: 'Hämtar klienten …', en: 'Loading the client …' },
  contact: { sv: 'Kontaktuppgifter', en: 'Contact details' },
  name: { sv: 'Namn', en: 'Name' },
  email: { sv: 'E-post', en: 'E-mail' },
  phone: { sv: 'Telefon', en: 'Phone' },
  personalNumber: { sv: 'Personnummer', en: 'Personal identity number' },
  none: { sv: 'Saknas', en: 'None' },
  edit: { sv: 'Ändra kontaktuppgifter', en: 'Edit contact details' },
  save: { sv: 'Spara', en: 'Save' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  saved: { sv: 'Sparat.', en: 'Saved.' },
  counts: { sv: 'Översikt', en: 'Summary' },
  countUpcoming: { sv: 'Kommande', en: 'Upcoming' },
  countVisits: { sv: 'Besök', en: 'Visits' },
  countNoShows: { sv: 'Uteblivna', en: 'No-shows' },
  countLate: { sv: 'Sena återbud', en: 'Late cancellations' },
  upcoming: { sv: 'Kommande bokningar', en: 'Upcoming bookings' },
  noUpcoming: { sv: 'Inga kommande bokningar.', en: 'No upcoming bookings.' },
  past: { sv: 'Tidigare bokningar', en: 'Past bookings' },
  noPast: { sv: 'Inga tidigare bokningar.', en: 'No past bookings.' },
  statusBooked: { sv: 'Bokad', en: 'Booked' },
  statusVisited: { sv: 'Besök', en: 'Visit' },
  statusNoShow: { sv: 'Uteblev', en: 'No-show' },
  statusCancelled: { sv: 'Återbud', en: 'Cancelled' },
  statusLate: { sv: 'Sent återbud', en: 'Late cancellation' },
  paid: { sv: 'Betald', en: 'Paid' },
  visitLine: { sv: '{treatment} hos {practitioner}', en: '{treatment} with {practitioner}' },
  notes: { sv: 'Anteckningar', en: 'Notes' },
  noNotes: { sv: 'Inga anteckningar.', en: 'No notes.' },
  editNotes: { sv: 'Ändra anteckningar', en: 'Edit notes' },
  notesUpdated: { sv: 'Senast ändrad {when}', en: 'Last changed {when}' },
  notesReadOnly: {
    sv: 'Anteckningarna skrivs av behandlarna och administratörer.',
    en: 'Notes are written by the practitioners and administrators.',
  },
} satisfies Messages<string>;

export type ClientCardMessageKey = keyof typeof clientCardMessages;
