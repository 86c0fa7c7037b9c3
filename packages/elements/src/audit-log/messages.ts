import type { Messages } from '../i18n.js';

/** Texts of <tidbok-audit-log>, Swedish and English. */
export const auditLogMessages = {
  intro: {
    sv: 'Vem i personalen som skapade, flyttade, avbokade, tog bort, tog betalt för eller ändrade vad, när och från vilken inloggning. Anteckningar och namn skrivs aldrig hit.',
    en: 'Who on the staff created, moved, cancelled, deleted, took payment for or changed what, when and from which sign-in. Notes and names are never written here.',
  },
  loading: { sv: 'Hämtar loggen …', en: 'Loading the log …' },
  empty: { sv: 'Inga händelser ännu.', en: 'Nothing logged yet.' },
  emptyFiltered: { sv: 'Inga händelser av det slaget.', en: 'Nothing of that kind.' },
  notAllowed: { sv: 'Bara administratörer kan läsa loggen.', en: 'Only administrators can read the log.' },
  filter: { sv: 'Visa', en: 'Show' },
  allEntities: { sv: 'Allt', en: 'Everything' },
  more: { sv: 'Visa äldre', en: 'Show older' },
  when: { sv: 'När', en: 'When' },
  who: { sv: 'Vem', en: 'Who' },
  what: { sv: 'Vad', en: 'What' },
  details: { sv: 'Ändrat', en: 'Changed' },
  session: { sv: 'Inloggning {id}', en: 'Sign-in {id}' },
  // Actions
  created: { sv: 'skapade', en: 'created' },
  changed: { sv: 'ändrade', en: 'changed' },
  moved: { sv: 'flyttade', en: 'moved' },
  cancelled: { sv: 'avbokade', en: 'cancelled' },
  deleted: { sv: 'tog bort', en: 'deleted' },
  paid: { sv: 'tog betalt för', en: 'took payment for' },
  voided: { sv: 'makulerade', en: 'voided' },
  merged: { sv: 'slog ihop', en: 'merged' },
  // Entities
  booking: { sv: 'bokning', en: 'booking' },
  activity: { sv: 'aktivitet', en: 'activity' },
  workingTime: { sv: 'arbetstid', en: 'working time' },
  client: { sv: 'klient', en: 'client' },
  payment: { sv: 'betalning', en: 'payment' },
  treatmentType: { sv: 'behandlingstyp', en: 'treatment type' },
  practitioner: { sv: 'behandlare', en: 'practitioner' },
  location: { sv: 'plats', en: 'location' },
  settings: { sv: 'inställningar', en: 'settings' },
  staff: { sv: 'personal', en: 'staff member' },
  templateWeek: { sv: 'mallvecka', en: 'template week' },
  integrationKey: { sv: 'integrationsnyckel', en: 'integration key' },
} satisfies Messages<string>;

export type AuditLogMessageKey = keyof typeof auditLogMessages;
