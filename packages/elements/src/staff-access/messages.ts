import type { Messages } from '../i18n.js';

/** Texts of the staff access boxes (integration keys, sessions, personal tokens). */
export const staffAccessMessages = {
  keysTitle: { sv: 'Integrationsnycklar', en: 'Integration keys' },
  keysIntro: {
    sv: 'Ett intranät som redan vet vem som är inloggad använder en integrationsnyckel på sin server för att öppna kalendern åt personen. Nyckeln ger ingen åtkomst i sig.',
    en: 'An intranet that already knows who is signed in uses an integration key on its server to open the calendar for that person. The key gives no access by itself.',
  },
  keyName: { sv: 'Namn på nyckeln', en: 'Name of the key' },
  createKey: { sv: 'Skapa nyckel', en: 'Create key' },
  keyOnce: {
    sv: 'Nyckeln visas bara nu. Lägg den i intranätets serverinställningar, aldrig i en webbsida.',
    en: "The key is shown only now. Put it in the intranet server's settings, never in a web page.",
  },
  newKey: { sv: 'Ny integrationsnyckel', en: 'New integration key' },
  noKeys: { sv: 'Inga integrationsnycklar.', en: 'No integration keys.' },
  lastUsed: { sv: 'Senast använd', en: 'Last used' },
  created: { sv: 'Skapad', en: 'Created' },
  never: { sv: 'Aldrig', en: 'Never' },
  revoke: { sv: 'Återkalla', en: 'Revoke' },
  confirmRevokeKey: {
    sv: 'Återkalla ”{name}”? Intranätet kan inte öppna kalendern med den längre, och sessioner den öppnat avslutas.',
    en: 'Revoke "{name}"? The intranet can no longer open the calendar with it, and sessions it opened end.',
  },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  copy: { sv: 'Kopiera', en: 'Copy' },
  copied: { sv: 'Kopierad.', en: 'Copied.' },
  done: { sv: 'Klar', en: 'Done' },
  revoked: { sv: 'Återkallad.', en: 'Revoked.' },
  needName: { sv: 'Skriv ett namn.', en: 'Write a name.' },

  accessTitle: { sv: 'Inloggningar och nycklar', en: 'Sign-ins and tokens' },
  person: { sv: 'Person', en: 'Person' },
  me: { sv: 'Jag', en: 'Me' },
  sessionsTitle: { sv: 'Öppna sessioner', en: 'Open sessions' },
  noSessions: { sv: 'Inga öppna sessioner.', en: 'No open sessions.' },
  method: { sv: 'Sätt', en: 'How' },
  method_integration: { sv: 'Via intranätet', en: 'Through the intranet' },
  method_passkey: { sv: 'Nyckel (passkey)', en: 'Passkey' },
  method_password: { sv: 'Lösenord', en: 'Password' },
  method_invitation: { sv: 'Inbjudan', en: 'Invitation' },
  client: { sv: 'Enhet', en: 'Device' },
  expires: { sv: 'Upphör', en: 'Expires' },
  thisSession: { sv: '(den här)', en: '(this one)' },
  end: { sv: 'Avsluta', en: 'End' },
  logoutEverywhere: { sv: 'Logga ut överallt', en: 'Log out everywhere' },
  endAll: { sv: 'Avsluta alla sessioner', en: 'End all sessions' },
  confirmLogoutEverywhere: {
    sv: 'Avsluta alla sessioner, även den här? API-nycklar för skript fortsätter att fungera.',
    en: 'End every session, this one too? API tokens for scripts keep working.',
  },
  tokensTitle: { sv: 'Personliga API-nycklar', en: 'Personal API tokens' },
  tokensIntro: {
    sv: 'För skript och andra program. Ge nyckeln ett namn och helst ett slutdatum.',
    en: 'For scripts and other programs. Give the token a name and preferably an end date.',
  },
  noTokens: { sv: 'Inga API-nycklar.', en: 'No API tokens.' },
  tokenName: { sv: 'Namn på nyckeln', en: 'Name of the token' },
  expiresInDays: { sv: 'Giltig i dagar (tomt: tills den återkallas)', en: 'Valid for days (empty: until revoked)' },
  createToken: { sv: 'Skapa API-nyckel', en: 'Create API token' },
  tokenOnce: { sv: 'API-nyckeln visas bara nu. Spara den på ett säkert ställe.', en: 'The token is shown only now. Keep it somewhere safe.' },
  unnamed: { sv: 'Namnlös', en: 'Unnamed' },
  untilRevoked: { sv: 'Tills den återkallas', en: 'Until revoked' },
  confirmRevokeToken: { sv: 'Återkalla ”{name}”? Skript som använder den slutar fungera.', en: 'Revoke "{name}"? Scripts that use it stop working.' },
  badDays: { sv: 'Skriv ett antal dagar, 1–3650.', en: 'Write a number of days, 1–3650.' },
} satisfies Messages<string>;

export type StaffAccessMessageKey = keyof typeof staffAccessMessages;
