import type { Messages } from '../i18n.js';

/** Texts of `<tidbok-admin>` and its settings screens, in Swedish and English. */
export const adminMessages = {
  // Shell
  adminTitle: { sv: 'Kalender och bokning', en: 'Calendar and booking' },
  sections: { sv: 'Delar', en: 'Sections' },
  calendar: { sv: 'Kalender', en: 'Calendar' },
  settings: { sv: 'Inställningar', en: 'Settings' },
  sidePanel: { sv: 'Klient', en: 'Client' },
  selectClient: { sv: 'Sök klient', en: 'Search client' },
  selectedHint: {
    sv: 'Den valda klienten föreslås när du bokar i kalendern.',
    en: 'The selected client is suggested when you book in the calendar.',
  },
  clearClient: { sv: 'Rensa vald klient', en: 'Clear selected client' },
  templateWeeks: { sv: 'Mallveckor', en: 'Template weeks' },
  email: { sv: 'E-post', en: 'E-mail' },
  phone: { sv: 'Telefon', en: 'Phone' },
  personalNumber: { sv: 'Personnummer', en: 'Personal identity number' },
  testClient: { sv: 'Testklient', en: 'Test client' },
  openAsTestClient: { sv: 'Öppna bokningssidan som testklient', en: 'Open the booking page as a test client' },
  testClientFailed: { sv: 'Kunde inte öppna bokningssidan: {reason}', en: 'Could not open the booking page: {reason}' },
  notConnected: {
    sv: 'Logga in via intranätet eller mottagningens inloggningssida för personal för att öppna kalendern.',
    en: "Sign in through your intranet or the clinic's staff sign-in page to open the calendar.",
  },

  // Settings navigation
  settingsSections: { sv: 'Inställningar', en: 'Settings' },
  modules: { sv: 'Moduler', en: 'Modules' },
  bookingSettings: { sv: 'Bokningsinställningar', en: 'Booking settings' },
  treatmentTypes: { sv: 'Behandlingsformer', en: 'Treatment types' },
  practitioners: { sv: 'Behandlare', en: 'Practitioners' },
  locations: { sv: 'Platser', en: 'Locations' },
  staff: { sv: 'Personal och nycklar', en: 'Staff and tokens' },
  auditLog: { sv: 'Logg', en: 'Audit log' },

  // States
  loading: { sv: 'Laddar…', en: 'Loading…' },
  loadFailed: { sv: 'Inställningarna kunde inte laddas.', en: 'The settings could not be loaded.' },
  retry: { sv: 'Försök igen', en: 'Try again' },
  saved: { sv: 'Sparat.', en: 'Saved.' },
  deleted: { sv: 'Borttaget.', en: 'Deleted.' },
  adminsOnly: { sv: 'Bara administratörer kan ändra inställningarna.', en: 'Only administrators can change the settings.' },
  none: { sv: 'Inga ännu.', en: 'None yet.' },

  // Common buttons
  save: { sv: 'Spara', en: 'Save' },
  saving: { sv: 'Sparar…', en: 'Saving…' },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  edit: { sv: 'Ändra', en: 'Edit' },
  editItem: { sv: 'Ändra {name}', en: 'Edit {name}' },
  delete: { sv: 'Ta bort', en: 'Delete' },
  confirmDelete: { sv: 'Ta bort {name}? Det går inte att ångra.', en: 'Delete {name}? This cannot be undone.' },
  add: { sv: 'Lägg till', en: 'Add' },

  // Modules
  bookingModule: { sv: 'Kalender och bokning', en: 'Calendar and booking' },
  bookingModuleHint: {
    sv: 'När modulen är av går det inte att boka via webbplatsen. Kalendern för personalen fungerar ändå.',
    en: 'When the module is off, nobody can book on the website. The staff calendar still works.',
  },
  moduleOn: { sv: 'Modulen är på', en: 'The module is on' },

  // Booking settings
  clinicName: { sv: 'Klinikens namn', en: "Clinic's name" },
  timeZone: { sv: 'Tidszon', en: 'Time zone' },
  language: { sv: 'Språk', en: 'Language' },
  swedish: { sv: 'Svenska', en: 'Swedish' },
  english: { sv: 'Engelska', en: 'English' },
  slotInterval: { sv: 'Intervall mellan bokningsbara starttider (minuter)', en: 'Interval between bookable start times (minutes)' },
  minNotice: { sv: 'Bokningsmarginal: ingen webbokning närmare än (timmar)', en: 'Booking margin: no online booking sooner than (hours)' },
  horizon: { sv: 'Går att boka så långt fram (dagar)', en: 'Bookable this far ahead (days)' },
  holdMinutes: { sv: 'Tid att fylla i uppgifter innan tiden släpps (minuter)', en: 'Time to fill in details before the time is released (minutes)' },
  cancellationWindow: { sv: 'Avbokningsmarginal (timmar)', en: 'Cancellation margin (hours)' },
  publicBooking: { sv: 'Webbokning', en: 'Online booking' },
  publicOpen: { sv: 'Öppen för alla', en: 'Open to anyone' },
  publicClientsOnly: { sv: 'Bara inloggade klienter', en: 'Logged-in clients only' },
  personalNumberField: { sv: 'Personnummer vid bokning', en: 'Personal identity number when booking' },
  hidden: { sv: 'Visas inte', en: 'Hidden' },
  optional: { sv: 'Frivilligt', en: 'Optional' },
  required: { sv: 'Obligatoriskt', en: 'Required' },
  staffConfirmation: { sv: 'Förvald bekräftelse när personal bokar', en: 'Default confirmation when staff book' },
  byEmail: { sv: 'E-post', en: 'E-mail' },
  bySms: { sv: 'SMS', en: 'SMS' },
  noConfirmation: { sv: 'Ingen', en: 'None' },
  bookingInfoText: { sv: 'Text som visas vid bokning (t.ex. samtycke)', en: 'Text shown when booking (e.g. consent)' },
  allowedOrigins: { sv: 'Webbplatser som får visa bokningen (en per rad)', en: 'Websites allowed to show the booking (one per line)' },
  allowedOriginsHint: { sv: 'Till exempel https://www.klinik.se', en: 'For example https://www.clinic.example' },
  smsCountries: { sv: 'SMS-länder (landsnummer)', en: 'SMS countries (calling codes)' },
  smsCountriesHint: {
    sv: 'Till exempel +46 +47. Tomt = klinikens eget land. SMS till andra länder skickas inte.',
    en: "For example +46 +47. Empty = the clinic's own country. SMS to other countries are not sent.",
  },
  smsPerHour: { sv: 'SMS till nya nummer per timme', en: 'SMS to new numbers per hour' },
  smsPerDay: { sv: 'SMS till nya nummer per dygn', en: 'SMS to new numbers per day' },
  smsBudgetHint: {
    sv: 'Nya nummer är nummer som personalen inte har lagt in på en klient eller bokat med. Skydd mot att någon låter kliniken betala för massutskick.',
    en: 'New numbers are numbers staff have not entered on a client or booked with. Keeps anyone from making the clinic pay for mass texting.',
  },
  smsBudgetUsed: {
    sv: 'SMS till nya nummer: {hour} av {hourLimit} senaste timmen, {day} av {dayLimit} senaste dygnet. Landsnummer: {codes}.',
    en: 'SMS to new numbers: {hour} of {hourLimit} in the last hour, {day} of {dayLimit} in the last day. Calling codes: {codes}.',
  },
  smsBudgetExhausted: {
    sv: 'Gränsen är nådd: SMS till nya nummer skickas inte just nu.',
    en: 'The limit is reached: SMS to new numbers are not sent for now.',
  },
  smsBudgetRefused: { sv: '{count} SMS stoppades av gränsen senaste dygnet.', en: '{count} SMS were stopped by the limit in the last day.' },

  // Treatment types
  newTreatmentType: { sv: 'Ny behandlingsform', en: 'New treatment type' },
  name: { sv: 'Namn', en: 'Name' },
  description: { sv: 'Beskrivning', en: 'Description' },
  duration: { sv: 'Längd i kalendern (minuter)', en: 'Length in the calendar (minutes)' },
  clientMinutes: { sv: 'Tid med klienten (minuter)', en: 'Time with the client (minutes)' },
  clientMinutesHint: {
    sv: 'Resten av längden är tid efter besöket, t.ex. för journalanteckningar.',
    en: 'The rest of the length is time after the session, e.g. for notes.',
  },
  color: { sv: 'Färg i kalendern', en: 'Colour in the calendar' },
  price: { sv: 'Pris ({currency})', en: 'Price ({currency})' },
  vat: { sv: 'Moms (%)', en: 'VAT (%)' },
  onlineBookable: { sv: 'Går att boka på webben', en: 'Bookable online' },
  confirmationText: { sv: 'Text i bokningsbekräftelsen', en: 'Text in the booking confirmation' },
  smsText: { sv: 'Text i SMS', en: 'Text in text messages' },
  minutesShort: { sv: '{minutes} min', en: '{minutes} min' },
  onlineYes: { sv: 'Webbokning', en: 'Online' },
  onlineNo: { sv: 'Bara personal', en: 'Staff only' },

  // Practitioners
  newPractitioner: { sv: 'Ny behandlare', en: 'New practitioner' },
  titleField: { sv: 'Titel', en: 'Title' },
  ownCancellationWindow: { sv: 'Egen avbokningsmarginal (timmar)', en: 'Own cancellation margin (hours)' },
  ownCancellationWindowHint: { sv: 'Tomt = klinikens avbokningsmarginal.', en: "Empty = the clinic's cancellation margin." },
  practitionerTreatmentTypes: { sv: 'Behandlarens behandlingsformer', en: "Practitioner's treatment types" },

  // Locations
  newLocation: { sv: 'Ny plats', en: 'New location' },
  address: { sv: 'Adress', en: 'Address' },

  // Staff
  newStaff: { sv: 'Ny personal', en: 'New staff member' },
  role: { sv: 'Roll', en: 'Role' },
  roleAdmin: { sv: 'Administratör', en: 'Administrator' },
  rolePractitioner: { sv: 'Behandlare', en: 'Practitioner' },
  roleReception: { sv: 'Reception', en: 'Reception' },
  linkedPractitioner: { sv: 'Kopplad till behandlare', en: 'Linked practitioner' },
  noPractitioner: { sv: '(Ingen)', en: '(None)' },
  createStaff: { sv: 'Skapa och visa nyckel', en: 'Create and show token' },
  tokenOnce: {
    sv: 'Nyckel för {name}. Den visas bara den här gången – kopiera den nu och lämna den säkert.',
    en: 'Token for {name}. It is shown only this once — copy it now and hand it over safely.',
  },
  copy: { sv: 'Kopiera', en: 'Copy' },
  copied: { sv: 'Kopierad.', en: 'Copied.' },
  done: { sv: 'Klar', en: 'Done' },
  staffHint: {
    sv: 'Bjud in personalen med e-post: de får en länk som gäller i 72 timmar och väljer själva en nyckel (passkey) eller ett lösenord. Roll och koppling till behandlare ändrar du med Ändra.',
    en: 'Invite each person by e-mail: they get a link that works for 72 hours and choose a passkey or a password themselves. Change a role or practitioner link with Edit.',
  },
  invite: { sv: 'Bjud in', en: 'Invite' },
  inviteItem: { sv: 'Bjud in {name}', en: 'Invite {name}' },
  invited: { sv: 'Inbjudan skickad till {email}. Länken gäller till {until}.', en: 'Invitation sent to {email}. The link works until {until}.' },
  inviteNeedsEmail: { sv: 'Ange en e-postadress för {name} först (Ändra).', en: 'Give {name} an e-mail address first (Edit).' },
  staffRemoved: {
    sv: '{name} är borttagen. Personens nycklar och inloggningar slutade gälla direkt.',
    en: "{name} is removed. The person's tokens and sign-ins stopped working at once.",
  },

  // Calendar subscriptions (booking settings)
  calendarFeedClientNames: { sv: 'Visa klienters namn i kalenderprenumerationer', en: "Show clients' names in calendar subscriptions" },
  calendarFeedClientNamesHint: {
    sv: 'Av som standard: en prenumeration hamnar i mobiler och kalendertjänster utanför journalen. Utan namn står behandlingen och ”Bokad”.',
    en: 'Off by default: a subscription ends up in phones and calendar services outside the patient records. Without names it shows the treatment and "Booked".',
  },

  // Validation
  needName: { sv: 'Skriv ett namn.', en: 'Write a name.' },
  badNumber: { sv: 'Skriv ett tal.', en: 'Write a number.' },
  clientLongerThanDuration: {
    sv: 'Tiden med klienten kan inte vara längre än längden i kalendern.',
    en: 'The time with the client cannot be longer than the length in the calendar.',
  },
} satisfies Messages<string>;

export type AdminMessageKey = keyof typeof adminMessages;
