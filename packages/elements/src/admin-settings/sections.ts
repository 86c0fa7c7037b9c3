/* The Settings tab's sections, in the order shown, and which of them are admins' only or elements of their own. */

export type SettingsSection =
  | 'modules'
  | 'booking'
  | 'messages'
  | 'receipts'
  | 'websites'
  | 'holidays'
  | 'treatmentTypes'
  | 'practitioners'
  | 'locations'
  | 'staff'
  | 'webhooks'
  | 'auditLog';
export const SECTIONS: readonly SettingsSection[] = [
  'modules',
  'booking',
  'messages',
  'receipts',
  'websites',
  'holidays',
  'treatmentTypes',
  'practitioners',
  'locations',
  'staff',
  'webhooks',
  'auditLog',
];
/** Sections only admins can use; hidden from other roles (the server refuses them anyway). */
export const ADMIN_SECTIONS: ReadonlySet<SettingsSection> = new Set([
  'modules',
  'booking',
  'messages',
  'receipts',
  'websites',
  'holidays',
  'staff',
  'webhooks',
  'auditLog',
]);

/** Sections that are elements of their own (each with its own texts and loading); tag per section. */
export const SCREENS: Partial<Record<SettingsSection, string>> = {
  messages: 'tidbok-message-settings',
  receipts: 'tidbok-receipt-settings',
  websites: 'tidbok-website-settings',
  holidays: 'tidbok-holiday-settings',
  webhooks: 'tidbok-webhooks-settings',
  auditLog: 'tidbok-audit-log',
};
