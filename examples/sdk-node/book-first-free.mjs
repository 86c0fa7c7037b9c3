#!/usr/bin/env node
// Books the first free time at a Tidbok clinic and cancels it again: the SDK's public booking
// flow, headless. Build first (`npm run build`), start a server (`npm start`), then:
//
//   node examples/sdk-node/book-first-free.mjs
//   TIDBOK_URL=https://book.clinic.example TIDBOK_CLINIC=lugna node examples/sdk-node/book-first-free.mjs
import { pathToFileURL } from 'node:url';
import { createTidbok, isTidbokError } from '@tidbok/sdk';

const DAY_MS = 86_400_000;
/** Other visitors may take a time between listing and holding it; try the next few. */
const HOLD_ATTEMPTS = 5;

export const SAMPLE_CLIENT = { name: 'Sample Client', email: 'sample.client@example.com' };

/**
 * Finds the first free time for the clinic's first treatment type within `days` from `from`,
 * holds it, books it for a sample client (no confirmation sent), then cancels it with the manage
 * token. Returns the booking and the cancelled booking.
 *
 * @param {{ baseUrl: string; clinic: string; from?: Date; days?: number; log?: (line: string) => void }} options
 */
export async function bookFirstFree({ baseUrl, clinic, from = new Date(), days = 28, log = console.log }) {
  const tidbok = createTidbok({ baseUrl, clinic });

  const info = await tidbok.clinic();
  const treatment = info.treatmentTypes[0];
  if (!treatment) throw new Error(`${info.name} has no treatment type that can be booked online`);
  const when = localTime(info.timeZone);
  const practitioner = (id) => info.practitioners.find((p) => p.id === id)?.name ?? id;
  log(`${info.name} (${info.timeZone}): looking for "${treatment.name}", ${treatment.durationMinutes} min`);

  const { slots } = await tidbok.slots({
    treatmentTypeId: treatment.id,
    from,
    to: new Date(from.getTime() + days * DAY_MS),
  });
  if (slots.length === 0) throw new Error(`No free time for "${treatment.name}" in the next ${days} days`);

  let hold;
  for (const slot of slots.slice(0, HOLD_ATTEMPTS)) {
    try {
      hold = await tidbok.hold({ treatmentTypeId: treatment.id, practitionerId: slot.practitionerId, start: slot.start });
      break;
    } catch (error) {
      if (!(isTidbokError(error) && error.code === 'slot_unavailable')) throw error;
      log(`  ${when.format(new Date(slot.start))} was just taken; trying the next time`);
    }
  }
  if (!hold) throw new Error(`The first ${HOLD_ATTEMPTS} free times were all taken while trying; run again`);

  let result;
  try {
    result = await tidbok.book({ hold, client: SAMPLE_CLIENT, confirmation: 'none', note: 'Booked by examples/sdk-node' });
  } catch (error) {
    // Give the time back at once rather than leaving it blocked until the hold expires.
    await tidbok.releaseHold(hold).catch(() => undefined);
    throw error;
  }
  if (result.status === 'awaiting-email') {
    // The clinic confirms anonymous bookings by e-mail: nothing is booked until the link is opened.
    log(`The clinic sent a confirmation link to ${result.email}; the time is held until ${result.expiresAt}`);
    return { booking: null, cancelled: null };
  }
  const { booking, manageToken } = result;
  log(`Booked ${booking.id}: ${when.format(new Date(booking.start))} with ${practitioner(booking.practitionerId)}`);
  log(`  for ${SAMPLE_CLIENT.name} <${SAMPLE_CLIENT.email}>, status ${booking.status}`);

  const cancelled = await tidbok.cancel(booking.id, { token: manageToken });
  log(`Cancelled ${cancelled.id} with its manage token: status ${cancelled.status}${cancelled.lateCancellation ? ' (late)' : ''}`);
  return { booking, cancelled };
}

/** Formats an instant as `Wed 2027-03-03 09:00` in the clinic's zone (not the machine's). */
function localTime(timeZone) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    format(date) {
      const p = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
      return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    },
  };
}

/** One line that tells a person what went wrong and, where it helps, what to do. */
export function explain(error, { baseUrl, clinic }) {
  if (!isTidbokError(error)) return error instanceof Error ? error.message : String(error);
  switch (error.code) {
    case 'network_error':
    case 'timeout':
      return `cannot reach ${baseUrl} (${error.message}). Is the server running? Start one with \`npm start\`, or set TIDBOK_URL.`;
    case 'not_found':
      return `${error.message} at ${baseUrl} (clinic "${clinic}"; set TIDBOK_CLINIC to choose another).`;
    case 'module_disabled':
      return `online booking is switched off for clinic "${clinic}" (Settings > Modules).`;
    default:
      return `${error.code} (HTTP ${error.status}): ${error.message}`;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = { baseUrl: process.env.TIDBOK_URL ?? 'http://localhost:8787', clinic: process.env.TIDBOK_CLINIC ?? 'demo' };
  try {
    await bookFirstFree(target);
  } catch (error) {
    console.error(`book-first-free failed: ${explain(error, target)}`);
    process.exitCode = 1;
  }
}
