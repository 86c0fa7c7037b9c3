import { DEMO_SLUG } from './demo.js';
import { DEMO_MAILBOX_PATH } from './demo-mailbox.js';

/**
 * The demo's addresses as the server prints them when it starts: on the start that created the
 * demo, and again on every later start on its database, so a newcomer never has to find them.
 * The mailbox line only where the page is on (no e-mail or SMS transport).
 */
export function demoLines(base: string, { session, mailbox }: { session: string | null; mailbox: boolean }): string[] {
  return [
    `  demo clinic:   ${base}/v1/clinics/${DEMO_SLUG}`,
    `  booking page:  ${base}/demo/`,
    session ? `  staff page:    ${base}/demo/admin.html#tidbok-session=${session} (signed in for 12 hours)` : `  staff page:    ${base}/demo/admin.html`,
    ...(mailbox ? [`  demo mailbox:  ${base}${DEMO_MAILBOX_PATH} (the demo's e-mail and SMS, since none is sent)`] : []),
  ];
}
