import type { Messages } from '../i18n.js';

export const moveMessages = {
  moveTitle: { sv: 'Flytta din tid', en: 'Move your appointment' },
  moveIntro: {
    sv: 'Din tid nu: {when}. Välj en ny tid nedan.',
    en: 'Your appointment now: {when}. Choose a new time below.',
  },
  moveConfirm: { sv: 'Flytta tiden till {when}?', en: 'Move the appointment to {when}?' },
  moveWith: { sv: 'Hos {name}.', en: 'With {name}.' },
  moveYes: { sv: 'Ja, flytta tiden', en: 'Yes, move it' },
  moveOther: { sv: 'Välj en annan tid', en: 'Choose another time' },
  moveBack: { sv: 'Behåll min tid', en: 'Keep my appointment' },
  moving: { sv: 'Flyttar …', en: 'Moving …' },
  holding: { sv: 'Reserverar tiden …', en: 'Reserving the time …' },
  moved: { sv: 'Klart! Din tid är flyttad till {when}.', en: 'Done! Your appointment is moved to {when}.' },
  movedMail: {
    sv: 'Du får en bekräftelse med den nya tiden. Länken i din första bekräftelse fungerar som förut.',
    en: 'You will get a confirmation with the new time. The link in your first confirmation works as before.',
  },
  tooLate: {
    sv: 'Tiden kan inte flyttas här längre: det är mindre än {n} timmar kvar. Kontakta mottagningen.',
    en: 'The appointment can no longer be moved here: it is less than {n} hours away. Please contact the clinic.',
  },
  tooLateNoHours: {
    sv: 'Tiden kan inte flyttas här längre. Kontakta mottagningen.',
    en: 'The appointment can no longer be moved here. Please contact the clinic.',
  },
  moveTaken: {
    sv: 'Tiden hann tyvärr tas av någon annan. Din tid är oförändrad; välj en annan.',
    en: 'Sorry, someone else just took that time. Your appointment is unchanged; choose another.',
  },
  moveFailed: {
    sv: 'Tiden kunde inte flyttas. Din tid är oförändrad. Försök igen.',
    en: 'The appointment could not be moved. It is unchanged. Please try again.',
  },
  notMovable: { sv: 'Den här tiden kan inte flyttas.', en: 'This appointment cannot be moved.' },
  loadingMove: { sv: 'Laddar …', en: 'Loading …' },
} satisfies Messages<string>;

export type MoveKey = keyof typeof moveMessages;
