import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError } from '../errors.js';
import { authenticateStaff, requireClinic } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { authenticateIntegrationKey } from '../services/integration-keys.js';
import type { RouteSpec } from './api.js';
import { adminOnly, requirePermission } from './permissions.js';
import type { AppEnv } from './env.js';

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Enforces a route's access before its input is read, so an unauthenticated caller learns
 * nothing from validation errors. Staff tokens are scoped to one clinic: another clinic's path
 * is 403, whether or not that clinic exists.
 */
export async function authorize(deps: Deps, c: Context<AppEnv>, spec: RouteSpec): Promise<void> {
  const slug = c.req.param('clinic');
  switch (spec.access) {
    case 'operator': {
      const token = bearerToken(c);
      if (!deps.config.operatorToken) {
        throw new ApiError('unauthorized', 'Operator routes are off: set TIDBOK_OPERATOR_TOKEN to use them');
      }
      if (!token) throw new ApiError('unauthorized', 'The operator token is required');
      if (!sameSecret(token, deps.config.operatorToken)) throw new ApiError('unauthorized', 'The operator token is not valid');
      return;
    }
    case 'staff':
    case 'admin': {
      const token = bearerToken(c);
      if (!token) throw new ApiError('unauthorized', 'A staff token is required');
      const staff = await authenticateStaff(deps, token);
      if (!staff) throw new ApiError('unauthorized', 'The staff token is not valid');
      if (slug !== undefined && staff.clinic_slug !== slug) {
        throw new ApiError('forbidden', 'The token belongs to another clinic');
      }
      if (spec.access === 'admin' && staff.role !== 'admin') throw adminOnly(staff.role, spec.permission);
      if (spec.permission) requirePermission(staff.role, spec.permission);
      const clinic = await requireClinic(deps, staff.clinic_slug);
      c.set('clinic', clinic);
      c.set('staff', {
        id: staff.staff_id,
        clinic_id: staff.clinic_id,
        name: staff.name,
        email: staff.email,
        role: staff.role,
        practitioner_id: staff.practitioner_id,
        created_at: staff.created_at,
      });
      c.set('staffSessionId', staff.token_id);
      return;
    }
    case 'integration': {
      // An intranet's server opening a session for its user: the key, not a staff token.
      const key = bearerToken(c);
      if (!key) throw new ApiError('unauthorized', 'An integration key is required');
      const found = await authenticateIntegrationKey(deps, key);
      if (!found) throw new ApiError('unauthorized', 'The integration key is not valid');
      if (slug !== undefined && found.clinicSlug !== slug) throw new ApiError('forbidden', 'The key belongs to another clinic');
      c.set('clinic', await requireClinic(deps, found.clinicSlug));
      c.set('integrationKeyId', found.id);
      return;
    }
    case 'public':
    case 'client': {
      if (slug === undefined) return;
      const clinic = await requireClinic(deps, slug);
      if (spec.module === 'booking' && clinic.booking_module !== 1) {
        throw new ApiError('module_disabled', `${clinic.name} does not take bookings online; contact the clinic directly`);
      }
      c.set('clinic', clinic);
      return;
    }
  }
}
