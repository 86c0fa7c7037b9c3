import {
  type CreateIntegrationKeyResponse,
  CreateIntegrationKeyResponseSchema,
  type CreatePersonalTokenBody,
  type CreatePersonalTokenResponse,
  CreatePersonalTokenResponseSchema,
  type IntegrationKey,
  IntegrationKeyListSchema,
  LogoutEverywhereResponseSchema,
  type PersonalToken,
  PersonalTokenListSchema,
  type StaffSession,
  StaffSessionListSchema,
} from '@tidbok/core';
import { json, nothing, type RequestOptions, type Send } from './transport.js';

/** Integration keys, personal API tokens and sessions. */
export interface StaffAccessMethods {
  /** Keys an intranet's server uses for the handshake (admins). */
  integrationKeys: {
    list(options?: RequestOptions): Promise<IntegrationKey[]>;
    /** The answer's `key` is shown this once; the server keeps only its hash. */
    create(name: string, options?: RequestOptions): Promise<CreateIntegrationKeyResponse>;
    /** Revokes the key; the sessions it opened end too. */
    revoke(id: string, options?: RequestOptions): Promise<void>;
  };
  /** Personal API tokens: your own, or (admins) a staff member's with `staffId`. */
  tokens: {
    list(staffId?: string, options?: RequestOptions): Promise<PersonalToken[]>;
    /** A token of your own; the answer's `token` is shown this once. */
    create(body: CreatePersonalTokenBody, options?: RequestOptions): Promise<CreatePersonalTokenResponse>;
    revoke(id: string, staffId?: string, options?: RequestOptions): Promise<void>;
  };
  /** Open sessions: your own, or (admins) a staff member's with `staffId`. */
  sessions: {
    list(staffId?: string, options?: RequestOptions): Promise<StaffSession[]>;
    end(id: string, options?: RequestOptions): Promise<void>;
    /** Ends every session of a staff member (admins); answers how many ended. */
    endAll(staffId: string, options?: RequestOptions): Promise<number>;
    /** "Log out everywhere": ends all your sessions, the current one too. */
    logoutEverywhere(options?: RequestOptions): Promise<number>;
  };
}

const id = encodeURIComponent;

export function staffAccessMethods(send: Send, admin: string): StaffAccessMethods {
  const keys = `${admin}/integration-keys`;
  const owner = (staffId?: string) => (staffId ? `${admin}/staff/${id(staffId)}` : `${admin}/me`);
  return {
    integrationKeys: {
      list: async ({ signal } = {}) => (await send({ method: 'get', path: keys, signal }, json(IntegrationKeyListSchema))).integrationKeys,
      create: (name, { signal } = {}) => send({ method: 'post', path: keys, json: { name }, signal }, json(CreateIntegrationKeyResponseSchema)),
      revoke: (keyId, { signal } = {}) => send({ method: 'delete', path: `${keys}/${id(keyId)}`, signal }, nothing),
    },
    tokens: {
      list: async (staffId, { signal } = {}) => (await send({ method: 'get', path: `${owner(staffId)}/tokens`, signal }, json(PersonalTokenListSchema))).tokens,
      create: (body, { signal } = {}) => send({ method: 'post', path: `${admin}/me/tokens`, json: body, signal }, json(CreatePersonalTokenResponseSchema)),
      revoke: (tokenId, staffId, { signal } = {}) => send({ method: 'delete', path: `${owner(staffId)}/tokens/${id(tokenId)}`, signal }, nothing),
    },
    sessions: {
      list: async (staffId, { signal } = {}) =>
        (await send({ method: 'get', path: `${owner(staffId)}/sessions`, signal }, json(StaffSessionListSchema))).sessions,
      end: (sessionId, { signal } = {}) => send({ method: 'delete', path: `${admin}/sessions/${id(sessionId)}`, signal }, nothing),
      endAll: async (staffId, { signal } = {}) =>
        (await send({ method: 'delete', path: `${admin}/staff/${id(staffId)}/sessions`, signal }, json(LogoutEverywhereResponseSchema))).ended,
      logoutEverywhere: async ({ signal } = {}) =>
        (await send({ method: 'post', path: `${admin}/me/logout-everywhere`, signal }, json(LogoutEverywhereResponseSchema))).ended,
    },
  };
}
