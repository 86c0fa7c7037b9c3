import type { Messages } from '../i18n.js';

export const messages = {
  previous: { sv: 'Föregående vecka', en: 'Previous week' },
  next: { sv: 'Nästa vecka', en: 'Next week' },
  week: { sv: 'Vecka {n}', en: 'Week {n}' },
  noTimes: { sv: 'Inga tider', en: 'No times' },
  weekEmpty: { sv: 'Inga lediga tider den här veckan.', en: 'No free times this week.' },
  showWeek: { sv: 'Visa vecka {n}', en: 'Show week {n}' },
  empty: {
    sv: 'Det finns inga lediga tider de närmaste månaderna. Kontakta gärna mottagningen.',
    en: 'There are no free times in the coming months. Please contact the clinic.',
  },
  zone: {
    sv: 'Tiderna visas i mottagningens lokala tid ({zone}).',
    en: "Times are shown in the clinic's local time ({zone}).",
  },
  loading: { sv: 'Hämtar lediga tider …', en: 'Loading free times …' },
  retry: { sv: 'Försök igen', en: 'Try again' },
} satisfies Messages<string>;
