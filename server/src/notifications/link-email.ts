import { newId } from '../secrets.js';
import { addMessage } from '../store/repositories/outbox.js';
import type { Trx } from '../store/store.js';
import { sealLink } from './sealed-link.js';

/**
 * Why: the one-time links sent by e-mail (confirm a booking, sign in as a client, accept a staff
 * invitation) all go out the same way — one pending e-mail in the outbox whose link is sealed
 * with the message's id, so the database holds it only encrypted and only the dispatcher opens
 * it, to send it. The bodies hold the LINK placeholder where the link goes.
 */
export interface LinkEmail {
  clinicId: string;
  clientId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  link: string;
  now: number;
}

/** Queues the e-mail in `trx`; returns the message's id. */
export async function enqueueLinkEmail(trx: Trx, config: Parameters<typeof sealLink>[0], email: LinkEmail): Promise<string> {
  const id = newId('msg');
  await addMessage(trx, {
    id,
    clinic_id: email.clinicId,
    booking_id: null,
    client_id: email.clientId,
    kind: email.kind,
    channel: 'email',
    to_address: email.to,
    subject: email.subject,
    body_text: email.text,
    body_html: email.html,
    attachments: null,
    secret_url: sealLink(config, id, email.link),
    dedupe_key: null,
    status: 'pending',
    attempts: 0,
    last_error: null,
    next_attempt_at: email.now,
    locked_until: 0,
    sent_at: null,
    created_at: email.now,
    budget_at: null,
    withheld_reason: null,
  });
  return id;
}
