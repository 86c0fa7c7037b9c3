import type { CalendarMessageKey } from '../calendar/messages.js';
import type { Messages } from '../i18n.js';

/**
 * The popup's own texts, in Swedish and English: the guard rails around återbud and no-show
 * (what will happen, undo), what became of a confirmation, the time fields' format. The rest of
 * the popup's words are the calendar's (calendar/messages.ts): the popup's `texts` read both
 * (`popupTexts`, entry-popup.ts).
 */
export const popupMessages = {
  // Asking first (GUARD RAILS: återbud, sent återbud, no-show)
  askCancel: { sv: 'Registrera återbud för {who}, {time}?', en: 'Register a cancellation for {who}, {time}?' },
  askLateCancel: {
    sv: 'Registrera sent återbud för {who}, {time}? Det räknas som sent återbud.',
    en: 'Register a late cancellation for {who}, {time}? It counts as a late cancellation.',
  },
  askNoShow: { sv: 'Markera att {who} inte kom, {time}?', en: 'Mark that {who} did not come, {time}?' },
  timeReopens: { sv: 'Tiden blir ledig att boka igen.', en: 'The time becomes free for booking again.' },
  clientToldBy: { sv: 'Klienten får ett meddelande om återbudet via {channel}.', en: 'The client gets a message about the cancellation by {channel}.' },
  clientNotToldNone: {
    sv: 'Klienten får inget meddelande: ingen bekräftelse valdes för bokningen.',
    en: 'The client gets no message: no confirmation was chosen for the booking.',
  },
  clientNotToldPast: { sv: 'Klienten får inget meddelande: tiden har redan börjat.', en: 'The client gets no message: the time has already begun.' },
  clientNotToldNoShow: { sv: 'Klienten får inget meddelande.', en: 'The client gets no message.' },
  canUndo: { sv: 'Du kan ångra direkt efteråt.', en: 'You can undo it right afterwards.' },
  doCancel: { sv: 'Registrera återbud', en: 'Register cancellation' },
  doLateCancel: { sv: 'Registrera sent återbud', en: 'Register late cancellation' },
  doNoShow: { sv: 'Markera uteblivet besök', en: 'Mark as no-show' },
  channelEmail: { sv: 'e-post', en: 'e-mail' },
  channelSms: { sv: 'SMS', en: 'SMS' },
  // Undo
  didCancel: { sv: 'Återbud registrerat.', en: 'Cancellation registered.' },
  didLateCancel: { sv: 'Sent återbud registrerat.', en: 'Late cancellation registered.' },
  didNoShow: { sv: 'Markerad som uteblivet besök.', en: 'Marked as a no-show.' },
  undo: { sv: 'Ångra', en: 'Undo' },
  undone: { sv: 'Ångrat: bokningen gäller igen.', en: 'Undone: the booking stands again.' },
  undoneWithdrawn: { sv: 'Meddelandet om återbudet skickades aldrig.', en: 'The message about the cancellation was never sent.' },
  undoneAlreadySent: {
    sv: 'Klienten har redan fått meddelandet om återbudet – berätta för klienten att tiden gäller.',
    en: 'The client has already had the message about the cancellation – tell the client the time stands.',
  },
  noShowBeforeStart: { sv: 'Går att markera när tiden har börjat', en: 'Possible once the time has begun' },
  // What became of the confirmation of a new booking
  createdNotSent: {
    sv: 'Bokningen är skapad, men bekräftelsen via {channel} kunde inte skickas: {reason}',
    en: 'The booking was made, but the confirmation by {channel} could not be sent: {reason}',
  },
  reasonNoEmail: { sv: 'klienten har ingen e-postadress.', en: 'the client has no e-mail address.' },
  reasonNoPhone: { sv: 'klienten har inget mobilnummer.', en: 'the client has no mobile number.' },
  reasonOther: { sv: 'det gick inte att lägga den i kön.', en: 'it could not be queued.' },
  // The message list: why one was not sent
  failedNoPhone: { sv: 'Klienten har inget mobilnummer.', en: 'The client has no mobile number.' },
  failedNoEmail: { sv: 'Klienten har ingen e-postadress.', en: 'The client has no e-mail address.' },
  failedTransport: {
    sv: 'Det gick inte att skicka; e-post- eller SMS-tjänsten tog inte emot det.',
    en: 'It could not be sent; the e-mail or SMS service did not accept it.',
  },
  retrying: { sv: 'Ett försök misslyckades; Tidbok försöker igen.', en: 'An attempt failed; Tidbok tries again.' },
  // Fields
  staffOnly: { sv: 'bara personal', en: 'staff only' },
  notOffered: { sv: 'erbjuds inte av behandlaren', en: 'not offered by the practitioner' },
  noTypesOffered: {
    sv: 'Behandlaren har inga valda behandlingsformer; alla visas.',
    en: 'The practitioner has no treatment types chosen; all are shown.',
  },
  datePlaceholder: { sv: 'ÅÅÅÅ-MM-DD', en: 'YYYY-MM-DD' },
  timePlaceholder: { sv: 'tt:mm', en: 'hh:mm' },
  badDate: { sv: 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-03-02.', en: 'Write the date as YYYY-MM-DD, e.g. 2027-03-02.' },
  badTime: { sv: 'Skriv tiderna som tt:mm, t.ex. 09:30.', en: 'Write the times as hh:mm, e.g. 09:30.' },
} satisfies Messages<string>;

export type PopupMessageKey = CalendarMessageKey | keyof typeof popupMessages;
