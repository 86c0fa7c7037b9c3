import { type CreateStaffSessionResponse, CreateStaffSessionResponseSchema } from '@tidbok/core';
import { createTransport, json, type TransportOptions } from './transport.js';

export interface CreateStaffSessionOptions extends TransportOptions {
  /** The clinic's integration key (`tik_…`). Keep it on the server: never send it to a browser. */
  integrationKey: string;
  /** Who your intranet has signed in: their e-mail as the clinic has it, or their staff id. */
  email?: string;
  staffId?: string;
  /** How long the session lasts; default 480 (8 hours), at most 720. */
  ttlMinutes?: number;
  signal?: AbortSignal;
}

/**
 * The intranet handshake, for your intranet's server (Node 18+, Deno, Bun, workers): trades the
 * integration key and your signed-in user's e-mail for a staff session token to put in
 * `<tidbok-admin token="…">`. A person unknown to the clinic is a `not_found` TidbokError; a
 * revoked key `unauthorized`.
 *
 * @example
 * const { token, expiresAt } = await createStaffSession({
 *   baseUrl: 'https://book.clinic.example', clinic: 'lugna',
 *   integrationKey: process.env.TIDBOK_INTEGRATION_KEY!, email: user.email,
 * });
 */
export function createStaffSession(options: CreateStaffSessionOptions): Promise<CreateStaffSessionResponse> {
  const { integrationKey, email, staffId, ttlMinutes, signal, ...transport } = options;
  const send = createTransport(transport);
  const body = { ...(email !== undefined ? { email } : {}), ...(staffId !== undefined ? { staffId } : {}), ...(ttlMinutes ? { ttlMinutes } : {}) };
  return send({ method: 'post', path: '/staff-sessions', token: integrationKey, json: body, signal }, json(CreateStaffSessionResponseSchema));
}
