import { authenticateStaff } from './services/clinics.js';
import type { Deps } from './services/deps.js';
import { createStaffSession } from './services/staff-sessions.js';

/** How long the session in the printed staff page link lasts. */
export const DEMO_SESSION_MINUTES = 720;

/**
 * A session for the demo clinic's first admin, for the staff page link `npm start` prints on a
 * terminal (`/demo/admin.html#tidbok-session=…`): whoever starts the server opens the calendar
 * with one click and pastes no key. It lasts 12 hours; the staff sign-in page (or
 * `create-token`) is the way in after that.
 */
export async function demoStaffSession(deps: Deps, adminToken: string): Promise<string> {
  const admin = await authenticateStaff(deps, adminToken);
  if (!admin) throw new Error('The demo admin token does not work');
  const session = await createStaffSession(deps, undefined, {
    staff: { id: admin.staff_id, clinic_id: admin.clinic_id },
    method: 'invitation',
    ttlMinutes: DEMO_SESSION_MINUTES,
  });
  return session.token;
}
