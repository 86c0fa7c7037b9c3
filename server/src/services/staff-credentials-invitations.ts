import type { Locale } from '@tidbok/core';
import { ApiError, notFound } from '../errors.js';
import { enqueueLinkEmail } from '../notifications/link-email.js';
import { escapeHtml, htmlFromText, LINK } from '../notifications/texts.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { staffMemberOfClinic } from '../store/repositories/staff.js';
import { expireOpenInvitations, insertInvitation, invitationByTokenHash, markInvitationUsed } from '../store/repositories/staff-credentials-invitations.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import type { Deps } from './deps.js';
import type { ClinicRow, StaffRow } from './rows.js';

/** An invitation link works once, for this long. */
export const INVITATION_TTL_MS = 72 * 3_600_000;

/**
 * Where an invitation leads: the clinic's staff page, with the token after `#`, which browsers
 * never send, so it is in no server or proxy log; the page's script hands it over in a POST body.
 */
export function invitationUrl(deps: Deps, clinic: ClinicRow, token: string) {
  return `${deps.config.publicUrl}/staff/${encodeURIComponent(clinic.slug)}/#invitation=${encodeURIComponent(token)}`;
}

const TEXT = {
  sv: (clinic: string, name: string, by: string) => ({
    subject: `Inbjudan till ${clinic}s bokningssystem`,
    text: `Hej ${name}!\n\n${by} har bjudit in dig till ${clinic}s kalender i Tidbok. Öppna länken för att skapa din inloggning, med en nyckel (passkey) eller ett lösenord. Länken fungerar en gång och i 72 timmar:\n${LINK}\n\nVäntade du inte på den här inbjudan kan du bortse från meddelandet.\n\n${clinic}`,
    label: 'Skapa din inloggning',
  }),
  en: (clinic: string, name: string, by: string) => ({
    subject: `Invitation to ${clinic}'s booking system`,
    text: `Hello ${name},\n\n${by} has invited you to ${clinic}'s calendar in Tidbok. Open the link to set up your sign-in, with a passkey or a password. The link works once, for 72 hours:\n${LINK}\n\nIf you did not expect this invitation, you can ignore this message.\n\n${clinic}`,
    label: 'Set up your sign-in',
  }),
};

/**
 * Sends `staff` an invitation by e-mail through the outbox. A new invitation ends the person's
 * older unused ones, so only the latest link in the inbox works. The link is stored sealed
 * (sealed-link.ts), and only the hash of its token in `staff_invitations`.
 */
export async function inviteStaff(deps: Deps, clinic: ClinicRow, staffId: string, invitedBy: StaffRow) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const staff = await staffMemberOfClinic(trx, clinic.id, staffId);
    if (!staff) throw notFound('Staff user');
    if (!staff.email)
      throw new ApiError('validation_failed', 'Give the staff user an e-mail address before inviting them', [{ path: 'email', message: 'Required' }]);
    await expireOpenInvitations(trx, staff.id, now);
    const token = newSecret('tsi');
    const expiresAt = now + INVITATION_TTL_MS;
    await insertInvitation(trx, {
      id: newId('si'),
      clinic_id: clinic.id,
      staff_id: staff.id,
      token_hash: hashSecret(token),
      expires_at: expiresAt,
      used_at: null,
      created_by: invitedBy.id,
      created_at: now,
    });
    const locale = (clinic.locale === 'en' ? 'en' : 'sv') as Locale;
    const { subject, text, label } = TEXT[locale](clinic.name, staff.name, invitedBy.name);
    await enqueueLinkEmail(trx, deps.config, {
      clinicId: clinic.id,
      clientId: null,
      kind: 'staff_invitation',
      to: staff.email,
      subject,
      text,
      html: htmlFromText(text, false, locale).replace(escapeHtml(LINK), `<a href="${LINK}">${escapeHtml(label)}</a>`),
      link: invitationUrl(deps, clinic, token),
      now,
    });
    return { staffId: staff.id, email: staff.email, expiresAt: iso(expiresAt) };
  });
}

/** The invitation behind `token` and its person, or `invitation_invalid` (410). */
export async function findInvitation(deps: Deps, clinic: ClinicRow, token: string) {
  const row = await invitationByTokenHash(deps.store.db, clinic.id, hashSecret(token));
  if (!row || row.invitation_used_at !== null || row.invitation_expires_at <= deps.clock.now()) {
    throw new ApiError('invitation_invalid', 'This invitation link is used, expired or not valid: ask an admin to invite you again');
  }
  const { invitation_id, invitation_expires_at, invitation_used_at: _, ...staff } = row;
  return { invitationId: invitation_id, expiresAt: invitation_expires_at, staff: staff as StaffRow };
}

/**
 * Marks the invitation used, inside the transaction that sets the credential: the conditional
 * update lets exactly one of two requests with the same link through.
 */
export async function useInvitation(trx: Trx, invitationId: string, now: number): Promise<void> {
  if (!(await markInvitationUsed(trx, invitationId, now))) {
    throw new ApiError('invitation_invalid', 'This invitation link is used, expired or not valid: ask an admin to invite you again');
  }
}
