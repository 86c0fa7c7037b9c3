import type { Context } from 'hono';
import type { Actor } from '../services/actor.js';
import type { AppEnv } from './env.js';

/** The staff member a request was authorized as (staff and admin routes only). */
export function actorOf(c: Context<AppEnv>): Actor {
  return { staff: c.get('staff'), sessionId: c.get('staffSessionId') ?? null };
}
