import type { MeResponse, TidbokAdmin } from '@tidbok/sdk';

/** One question per connection: the answer does not change while the token does not. */
const asked = new WeakMap<TidbokAdmin, Promise<MeResponse | null>>();

/**
 * The staff member behind a connection (`GET …/admin/me`), or null when it cannot be told (an
 * older server, a network failure): then the elements show everything and the server, which
 * checks every call, answers 403 where the role falls short. Hiding is a courtesy, not a guard.
 */
export function whoAmI(admin: TidbokAdmin): Promise<MeResponse | null> {
  let answer = asked.get(admin);
  if (!answer) {
    answer = admin.me().catch(() => null);
    asked.set(admin, answer);
  }
  return answer;
}

/** Whether the settings, staff and keys are for this member: admins, or anyone when unknown. */
export function managesClinic(me: MeResponse | null): boolean {
  return me === null || me.permissions.includes('settings');
}
