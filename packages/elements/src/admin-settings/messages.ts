import type { Messages } from '../i18n.js';

/**
 * Texts of the settings screens added beside the original sections (messages, receipts, websites,
 * closed days) and of the shell's unsaved-changes question, in Swedish and English. The original
 * sections keep theirs in admin/messages.ts.
 */
export const settingsMessages = {
  // Sections
  messages: { sv: 'Meddelanden', en: 'Messages' },
  receipts: { sv: 'Kvitton', en: 'Receipts' },
  websites: { sv: 'Webbplatser', en: 'Websites' },
  holidays: { sv: 'Stängda dagar', en: 'Closed days' },

  // Unsaved changes
  unsaved: { sv: 'Du har ändringar som inte är sparade. Lämna utan att spara?', en: 'You have changes that are not saved. Leave without saving?' },
  leave: { sv: 'Lämna utan att spara', en: 'Leave without saving' },
  stay: { sv: 'Stanna kvar', en: 'Stay' },

  // Shared
  save: { sv: 'Spara', en: 'Save' },
  saving: { sv: 'Sparar …', en: 'Saving …' },
  saved: { sv: 'Sparat.', en: 'Saved.' },
  notSaved: { sv: 'Inte sparat: {reason}', en: 'Not saved: {reason}' },
  loading: { sv: 'Laddar …', en: 'Loading …' },
  retry: { sv: 'Försök igen', en: 'Try again' },
  adminsOnly: { sv: 'Bara administratörer kan ändra inställningarna.', en: 'Only administrators can change the settings.' },
  fixFields: { sv: 'Rätta de markerade fälten och spara igen.', en: 'Correct the marked fields and save again.' },
  remove: { sv: 'Ta bort', en: 'Remove' },
  removeItem: { sv: 'Ta bort {name}', en: 'Remove {name}' },
  add: { sv: 'Lägg till', en: 'Add' },

  // Booking (the fields added to the original section)
  confirmByEmail: { sv: 'Bokningar utan inloggning bekräftas via e-post', en: 'Bookings without signing in are confirmed by e-mail' },
  confirmByEmailHint: {
    sv: 'Klienten klickar på en länk i ett mejl innan bokningen görs; tiden hålls under tiden i 30 minuter.',
    en: 'The client clicks a link in an e-mail before the booking is made; the time is held meanwhile for 30 minutes.',
  },
  holdsPerDay: { sv: 'Reserverade tider utan inloggning per behandlare och dag', en: 'Times held without signing in per practitioner and day' },
  holdsPerDayHint: {
    sv: 'Hur många tider besökare som inte är inloggade får hålla samtidigt hos en behandlare en dag (1–500).',
    en: 'How many times visitors who are not signed in may hold at once with one practitioner on one day (1–500).',
  },
  holdsPerNetwork: { sv: 'Reserverade tider per nätverk och timme', en: 'Times held per network and hour' },
  holdsPerNetworkHint: { sv: 'Begränsar hur fort ett och samma nätverk kan fylla kalendern.', en: 'Limits how fast one network can fill the calendar.' },

  // Messages
  messagesIntro: {
    sv: 'Påminnelser och bekräftelser som går till klienterna, och vem på mottagningen som får kopior.',
    en: 'Reminders and confirmations sent to clients, and who at the clinic gets copies.',
  },
  remindersOn: { sv: 'Skicka påminnelser före besöket', en: 'Send reminders before the visit' },
  reminderHours: { sv: 'Timmar före besöket', en: 'Hours before the visit' },
  reminderHoursHint: { sv: 'Mellan 1 och 336 timmar (två veckor). 24 = dagen före.', en: 'Between 1 and 336 hours (two weeks). 24 = the day before.' },
  reminderChannel: { sv: 'Påminnelse via', en: 'Remind by' },
  sms: { sv: 'SMS', en: 'SMS' },
  email: { sv: 'E-post', en: 'E-mail' },
  smsSender: { sv: 'Avsändarnamn för SMS', en: 'SMS sender name' },
  smsSenderHint: {
    sv: 'Högst 11 bokstäver (a–z) och siffror, utan mellanslag, t.ex. LugnaRummet.',
    en: 'At most 11 letters (a–z) and digits, no spaces, e.g. LugnaRummet.',
  },
  badSmsSender: {
    sv: 'Använd 1–11 bokstäver a–z och siffror, utan mellanslag eller å, ä, ö.',
    en: 'Use 1–11 letters a–z and digits, without spaces or accented letters.',
  },
  copyTo: { sv: 'Kopia av bekräftelser till (e-post)', en: 'Copy of confirmations to (e-mail)' },
  copyToHint: { sv: 'Till exempel receptionens adress. Lämna tomt för ingen kopia.', en: "For example the reception's address. Leave empty for no copy." },
  badEmail: { sv: 'Skriv en e-postadress som namn@exempel.se.', en: 'Write an e-mail address such as name@example.com.' },
  copyToPractitioner: { sv: 'Behandlaren får en kopia av bekräftelsen', en: 'The practitioner gets a copy of the confirmation' },

  // Receipts
  receiptsIntro: { sv: 'Uppgifterna som står på kvittona.', en: 'What the receipts say about the clinic.' },
  receiptTitle: { sv: 'Rubrik på kvittot', en: 'Receipt heading' },
  receiptTitleHint: { sv: 'Tomt = ”Kvitto” (”Receipt” på engelska).', en: 'Empty = “Kvitto” (“Receipt” in English).' },
  organisationNumber: { sv: 'Organisationsnummer', en: 'Organisation number' },
  organisationNumberHint: { sv: 'Till exempel 556677-8899.', en: 'For example 556677-8899.' },
  badOrganisationNumber: {
    sv: 'Skriv organisationsnumret som 556677-8899 (högst 40 tecken).',
    en: 'Write the organisation number as 556677-8899 (at most 40 characters).',
  },
  address: { sv: 'Adress', en: 'Address' },
  vatText: { sv: 'Momstext', en: 'VAT text' },
  vatTextHint: {
    sv: 'Står under summan, t.ex. ”Momsfri sjukvård enligt 3 kap. 4 § mervärdesskattelagen”.',
    en: 'Printed below the total, e.g. “Exempt from VAT as health care (Swedish VAT Act, ch. 3 s. 4)”.',
  },
  tooLong: { sv: 'Texten är för lång (högst {max} tecken).', en: 'The text is too long (at most {max} characters).' },

  // Websites
  websitesIntro: {
    sv: 'Webbplatser där bokningen får visas. Widgeten fungerar bara på adresser i listan.',
    en: 'Websites where the booking may be shown. The widget works only on addresses in the list.',
  },
  allowedOrigins: { sv: 'Tillåtna webbplatser', en: 'Allowed websites' },
  noOrigins: {
    sv: 'Inga webbplatser ännu: bokningen kan bara visas på Tidboks egna sidor.',
    en: "No websites yet: the booking can only be shown on Tidbok's own pages.",
  },
  newOrigin: { sv: 'Ny webbplats', en: 'New website' },
  newOriginHint: {
    sv: 'Adressen till startsidan, t.ex. https://www.mottagningen.se (utan sökväg).',
    en: 'The address of the home page, e.g. https://www.clinic.example (no path).',
  },
  badOrigin: {
    sv: 'Skriv en adress som börjar med https:// och bara har webbplatsens namn, t.ex. https://www.mottagningen.se.',
    en: 'Write an address starting with https:// with only the site’s name, e.g. https://www.clinic.example.',
  },
  duplicateOrigin: { sv: '{origin} finns redan i listan.', en: '{origin} is already in the list.' },
  tooManyOrigins: { sv: 'Högst 50 webbplatser.', en: 'At most 50 websites.' },
  rejectedHint: {
    sv: 'Widgeten laddades på {origin}, som inte finns i listan (senast {when}). Lägg till den?',
    en: 'The widget was loaded on {origin}, which is not in the list (last {when}). Add it?',
  },
  rejectedCaution: { sv: 'Lägg bara till webbplatser som mottagningen känner till.', en: 'Only add websites the clinic knows.' },
  addOrigin: { sv: 'Lägg till {origin}', en: 'Add {origin}' },
  bookingPageUrl: { sv: 'Bokningssidans adress', en: 'Booking page address' },
  bookingPageUrlHint: {
    sv: 'Sidan med bokningen, länkad som ”Boka igen” i klienternas mejl.',
    en: 'The page with the booking, linked as “Book again” in clients’ e-mails.',
  },
  badUrl: { sv: 'Skriv en hel adress som börjar med https://.', en: 'Write a full address starting with https://.' },
  brandColor: { sv: 'Mottagningens färg på klientsidorna', en: "The clinic's colour on the client pages" },
  useBrandColor: { sv: 'Använd en egen färg', en: 'Use a colour of our own' },

  // Closed days
  holidaysIntro: {
    sv: 'Dagar då klienter inte kan boka själva. Personalen kan fortfarande boka i kalendern.',
    en: 'Days on which clients cannot book themselves. Staff can still book in the calendar.',
  },
  publicHolidays: { sv: 'Stängt på röda dagar', en: 'Closed on Swedish public holidays' },
  midsummerEve: { sv: 'Stängt på midsommarafton', en: 'Closed on Midsummer Eve' },
  redDaysOf: { sv: 'Röda dagar {year}', en: 'Public holidays {year}' },
  previousYear: { sv: 'Föregående år', en: 'Previous year' },
  nextYear: { sv: 'Nästa år', en: 'Next year' },
  date: { sv: 'Datum', en: 'Date' },
  name: { sv: 'Namn', en: 'Name' },
  status: { sv: 'Bokning', en: 'Booking' },
  closed: { sv: 'Stängt', en: 'Closed' },
  open: { sv: 'Öppet', en: 'Open' },
  ownDays: { sv: 'Egna stängda dagar', en: 'Own closed days' },
  noOwnDays: { sv: 'Inga egna stängda dagar.', en: 'No own closed days.' },
  ownDayName: { sv: 'Vad dagen heter', en: 'Name of the day' },
  ownDayNameHint: { sv: 'T.ex. Personaldag.', en: 'E.g. Staff day.' },
  badDate: { sv: 'Välj ett datum.', en: 'Choose a date.' },
  needName: { sv: 'Skriv ett namn.', en: 'Write a name.' },
  duplicateDay: { sv: '{date} finns redan bland de stängda dagarna.', en: '{date} is already a closed day.' },
  addDay: { sv: 'Lägg till stängd dag', en: 'Add closed day' },
} satisfies Messages<string>;

export type SettingsMessageKey = keyof typeof settingsMessages;
