import type { ClinicRow, StaffRow } from '../services/rows.js';

/** Values the middleware puts on the request context for the handlers below it. */
export interface AppEnv {
  Variables: {
    clinic: ClinicRow;
    staff: StaffRow;
    /** The token or session a staff request came with: the audit log names it. */
    staffSessionId: string | null;
    clientIp: string;
    /** The integration key an `integration` route was called with. */
    integrationKeyId: string;
  };
}
