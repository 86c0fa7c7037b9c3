/** The manage page's words, in the booking's language (notifications/booking-locale.ts). */
export const MANAGE_TEXTS = {
  sv: {
    title: 'Din bokning',
    booked: 'Bokad',
    cancelled: 'Avbokad',
    no_show: 'Uteblivet besök',
    what: 'Vad',
    when: 'När',
    with: 'Hos',
    where: 'Var',
    cancel: 'Avboka tiden',
    confirm: 'Vill du avboka tiden?',
    yes: 'Ja, avboka',
    no: 'Nej, behåll tiden',
    calendar: 'Lägg till i kalendern',
    again: 'Boka en ny tid',
    opening: 'Öppnar din bokning …',
    show: 'Visa bokningen',
    noscript:
      'Länken bär sin kod efter tecknet #, och den delen läser bara webbläsaren. Slå på JavaScript för den här sidan, eller kontakta mottagningen.',
    rule: (hours: number) =>
      hours > 0
        ? `Avbokning senare än ${hours} timmar före besöket räknas som sen avbokning.`
        : 'Du kan avboka fram till att besöket börjar.',
    late: 'Avbokningen görs inom avbokningsfristen och räknas som sen avbokning.',
    done: 'Tiden är avbokad.',
    missing: 'Bokningen hittades inte. Länken kan vara gammal; kontakta mottagningen.',
    past: 'Tiden har redan börjat och kan inte avbokas här.',
    test: (name: string) => `Testbokning: ${name} är en testklient. Bokningen påverkar inga riktiga patienter.`,
  },
  en: {
    title: 'Your booking',
    booked: 'Booked',
    cancelled: 'Cancelled',
    no_show: 'Missed appointment',
    what: 'What',
    when: 'When',
    with: 'With',
    where: 'Where',
    cancel: 'Cancel the appointment',
    confirm: 'Do you want to cancel the appointment?',
    yes: 'Yes, cancel it',
    no: 'No, keep it',
    calendar: 'Add to calendar',
    again: 'Book another time',
    opening: 'Opening your booking …',
    show: 'Show the booking',
    noscript:
      'The link carries its code after the # sign, a part only your browser reads. Turn on JavaScript for this page, or contact the clinic.',
    rule: (hours: number) =>
      hours > 0
        ? `Cancelling less than ${hours} hours before the appointment counts as a late cancellation.`
        : 'You can cancel until the appointment starts.',
    late: 'This is inside the cancellation window and counts as a late cancellation.',
    done: 'The appointment is cancelled.',
    missing: 'The booking was not found. The link may be old; please contact the clinic.',
    past: 'The appointment has already started and cannot be cancelled here.',
    test: (name: string) => `Test booking: ${name} is a test client. The booking affects no real patient.`,
  },
} as const;
