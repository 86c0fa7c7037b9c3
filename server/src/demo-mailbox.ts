import { Hono } from 'hono';
import { html } from 'hono/html';
import { DEMO_SLUG } from './demo.js';
import { clientIp } from './http/client-ip.js';
import type { AppEnv } from './http/env.js';
import { htmlNotice } from './http/html-notice.js';
import { RateLimiter } from './http/rate-limit.js';
import { openLink } from './notifications/sealed-link.js';
import { LINK } from './notifications/texts.js';
import { type Html, patientPage } from './pages/patient-page.js';
import type { Deps } from './services/deps.js';
import { someClinics } from './store/repositories/demo.js';
import { newestMessagesOfClinic } from './store/repositories/outbox.js';

/** The page's address. */
export const DEMO_MAILBOX_PATH = '/demo/mailbox';

/** How many of the newest messages the page lists. */
const SHOWN = 50;

/**
 * Whether this server may offer the demo mailbox at all: started for the demo (`npm start`
 * passes `--demo-mailbox`) and with no way to deliver messages. With an e-mail or SMS transport
 * messages reach real inboxes, and the page is off.
 */
export function demoMailboxAllowed(flag: boolean, config: { smtpUrl?: string | null; smsUrl?: string | null }): boolean {
  return flag && !config.smtpUrl && !config.smsUrl;
}

/**
 * The demo clinic, when the database is the demo's: a clinic with the demo's slug and no other
 * clinic. Any other clinic in the database turns the page off, so it never shows a real
 * clinic's messages, nor the demo's beside real ones.
 */
async function demoClinic(deps: Deps) {
  const clinics = await someClinics(deps.store.db, 2);
  return clinics.length === 1 && clinics[0]!.slug === DEMO_SLUG ? clinics[0]! : null;
}

/** A message's text with its link (opened from its seal, for this page only) as a link. */
function bodyWithLink(text: string, link: string | null): Html {
  const parts = text.split(LINK);
  return html`${parts.map((part, i) => (i === 0 ? part : html`<a href="${link ?? '#'}">${link ?? LINK}</a>${part}`))}`;
}

/**
 * The demo mailbox: without SMTP or SMS a newcomer trying the demo could never reach the links
 * a booking's messages carry (see or cancel, log in, confirm). This page lists the demo clinic's
 * outgoing messages, newest first, as the client would get them, links opened. It exists only
 * where demoMailboxAllowed says so, and answers only for the demo database (demoClinic); it is
 * rate limited like the public writes, since it is open to anyone who can reach the demo server.
 */
export function demoMailboxPage(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = new RateLimiter(deps.config.rateLimitPerMinute, () => deps.clock.now());
  app.get(DEMO_MAILBOX_PATH, async (c) => {
    const retryAfter = limiter.hit(clientIp(c, deps.config.trustProxy));
    if (retryAfter > 0) {
      return htmlNotice(429, 'För många försök; vänta en stund', 'Too many attempts; please wait a moment', { 'Retry-After': String(retryAfter) });
    }
    c.header('Cache-Control', 'no-store');
    const clinic = await demoClinic(deps);
    if (!clinic) return c.notFound();
    const messages = await newestMessagesOfClinic(deps.store.db, clinic.id, SHOWN);
    const items = messages.map((m) => {
      let link: string | null = null;
      try {
        link = m.secret_url ? openLink(deps.config, m.id, m.secret_url) : null;
      } catch {
        link = null;
      }
      const files = m.attachments ? (JSON.parse(m.attachments) as { filename: string }[]).map((a) => a.filename) : [];
      return html`<article class="message">
        <h2>${m.channel === 'sms' ? 'SMS' : m.subject}</h2>
        <p class="note">
          ${new Date(m.created_at).toISOString().replace('T', ' ').slice(0, 16)} UTC · ${m.channel === 'sms' ? 'SMS' : 'E-post / e-mail'} · ${m.to_address} ·
          ${m.kind}${files.length > 0 ? html` · ${files.join(', ')}` : ''}
        </p>
        <pre>${bodyWithLink(m.body_text, link)}</pre>
      </article>`;
    });
    const body = html`<h1>Demobrevlåda <span lang="en">/ Demo mailbox</span></h1>
      <p>Utan e-post- eller SMS-tjänst skickas inga meddelanden; här är det som demomottagningen skulle ha skickat, med länkarna.</p>
      <p lang="en" class="note">With no e-mail or SMS service set, nothing is sent; here is what the demo clinic would have sent, links included.</p>
      ${items.length > 0 ? items : html`<p>Inga meddelanden ännu. <span lang="en">No messages yet.</span></p>`}`;
    return c.html(
      await patientPage({
        locale: 'sv',
        title: 'Demobrevlåda',
        clinicName: clinic.name,
        body,
        style:
          'pre{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;background:#fff;border:1px solid #d9dee5;border-radius:.5rem;padding:1rem}article{margin:1.5rem 0}',
      }),
    );
  });
  return app;
}
