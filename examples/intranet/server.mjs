#!/usr/bin/env node
// A small intranet with its own login that shows each person their Tidbok calendar: after the
// login, its server trades the clinic's integration key and the person's e-mail for a Tidbok
// session (the handshake) and renders <tidbok-admin token="…">. Nobody sees or pastes a key.
//
//   TIDBOK_URL=http://localhost:8787 TIDBOK_CLINIC=demo TIDBOK_INTEGRATION_KEY=tik_… \
//     node examples/intranet/server.mjs          # then open http://localhost:8788
//
// Plain node:http, so every step is in view; any framework does the same in fewer lines.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createStaffSession, isTidbokError } from '@tidbok/sdk';
import { DEMO_USERS, signIn } from './users.mjs';

const FILES = {
  '/intranet.js': ['text/javascript; charset=utf-8', readFileSync(new URL('./public/intranet.js', import.meta.url))],
  '/intranet.css': ['text/css; charset=utf-8', readFileSync(new URL('./public/intranet.css', import.meta.url))],
};
const COOKIE = 'intranet_session';
/** How long an intranet login lasts; each Tidbok session it opens lasts at most this too. */
const LOGIN_MS = 8 * 60 * 60_000;

/** @param {string} value */
const escape = (value) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * @param {{
 *   tidbokUrl: string; clinic: string;
 *   integrationKey: string | (() => string | Promise<string>);
 *   users?: import('./users.mjs').IntranetUser[];
 *   now?: () => number;
 * }} options
 */
export function createIntranet({ tidbokUrl, clinic, integrationKey, users = DEMO_USERS, now = Date.now }) {
  const tidbok = tidbokUrl.replace(/\/+$/, '');
  /** @type {Map<string, { email: string; name: string; expires: number; tidbok?: { token: string; expiresAt: string } }>} */
  const logins = new Map();

  /** The Tidbok session for the signed-in person: the handshake, on the server only. */
  const handshake = async (email, expires) =>
    createStaffSession({
      baseUrl: tidbok,
      clinic,
      integrationKey: typeof integrationKey === 'function' ? await integrationKey() : integrationKey,
      email,
      ttlMinutes: Math.max(1, Math.min(720, Math.floor((expires - now()) / 60_000))),
    });

  const page = (title, body, status = 200) => ({
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // The page's scripts are files; the Tidbok element talks to the Tidbok server.
      'content-security-policy': `default-src 'self'; script-src 'self' ${tidbok}; connect-src 'self' ${tidbok}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'`,
      'cache-control': 'no-store',
    },
    body: `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Intranät</title><link rel="stylesheet" href="/intranet.css"></head><body>${body}</body></html>`,
  });

  /**
   * The login's Tidbok session, opened again when it is missing or has less than five minutes
   * left, so page loads do not each open one. `fresh` always opens a new one: the page asks for
   * that when Tidbok said the session it had ran out.
   */
  async function sessionFor(login, fresh = false) {
    const known = logins.get(login.sid)?.tidbok;
    if (!fresh && known && Date.parse(known.expiresAt) - now() > 5 * 60_000) return known;
    const session = await handshake(login.email, login.expires);
    const current = logins.get(login.sid);
    if (current) current.tidbok = session;
    return session;
  }

  function loginOf(req) {
    const sid = /(?:^|;\s*)intranet_session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    const login = sid && logins.get(sid);
    if (!login || login.expires <= now()) return null;
    return { sid, ...login };
  }

  async function readForm(req) {
    let text = '';
    for await (const chunk of req) {
      text += chunk;
      if (text.length > 4096) throw new Error('too large');
    }
    return new URLSearchParams(text);
  }

  function loginPage(message = '') {
    return page(
      'Logga in',
      `<form class="login panel" method="post" action="/login">
        <h1>Intranätet</h1>
        ${message ? `<p class="error" role="alert">${escape(message)}</p>` : ''}
        <label for="email">E-post</label><input id="email" name="email" type="email" autocomplete="username" required>
        <label for="password">Lösenord</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Logga in</button>
      </form>`,
    );
  }

  /** `?date=YYYY-MM-DD` opens the calendar on that week. */
  async function calendarPage(login, date) {
    let session;
    try {
      session = await sessionFor(login);
    } catch (error) {
      if (isTidbokError(error) && error.code === 'not_found') {
        return page('Kalender', `<main><p class="panel">${escape(login.name)} finns inte bland mottagningens personal i Tidbok.</p></main>`, 403);
      }
      throw error;
    }
    return page(
      'Kalender',
      `<header class="topbar"><div class="logo">Lugna Rummet · Intranät</div>
        <form method="post" action="/logout"><span>${escape(login.name)}</span><button type="submit">Logga ut</button></form></header>
      <main><div class="panel">
        <tidbok-admin api="${escape(tidbok)}" clinic="${escape(clinic)}" token="${escape(session.token)}"${date ? ` date="${date}"` : ''}></tidbok-admin>
      </div></main>
      <script type="module" src="${escape(tidbok)}/embed/tidbok.js"></script>
      <script type="module" src="/intranet.js"></script>`,
    );
  }

  async function route(req) {
    const url = new URL(req.url ?? '/', 'http://intranet');
    const file = FILES[url.pathname];
    if (req.method === 'GET' && file) return { status: 200, headers: { 'content-type': file[0] }, body: file[1] };
    if (req.method === 'GET' && url.pathname === '/login') {
      return loginPage(url.searchParams.has('expired') ? 'Du har loggats ut. Logga in igen.' : '');
    }
    if (req.method === 'POST' && url.pathname === '/login') {
      const form = await readForm(req);
      const user = await signIn(users, form.get('email') ?? '', form.get('password') ?? '');
      if (!user) return { ...loginPage('Fel e-post eller lösenord.'), status: 401 };
      const sid = randomBytes(32).toString('base64url');
      logins.set(sid, { email: user.email, name: user.name, expires: now() + LOGIN_MS });
      return { status: 303, headers: { location: '/', 'set-cookie': `${COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` }, body: '' };
    }
    const login = loginOf(req);
    if (req.method === 'POST' && url.pathname === '/logout') {
      if (login) logins.delete(login.sid);
      return { status: 303, headers: { location: '/login', 'set-cookie': `${COOKIE}=; Path=/; Max-Age=0` }, body: '' };
    }
    // A fresh Tidbok session for the page's tokenProvider. The custom header keeps other sites'
    // forms out (they cannot send one without this origin's permission).
    if (req.method === 'POST' && url.pathname === '/tidbok/token') {
      if (!login || req.headers['x-intranet'] !== '1') return { status: 401, headers: {}, body: '' };
      const session = await sessionFor(login, true);
      return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(session) };
    }
    if (req.method === 'GET' && url.pathname === '/') {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('date') ?? '') ? url.searchParams.get('date') : null;
      return login ? calendarPage(login, date) : { status: 303, headers: { location: '/login' }, body: '' };
    }
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
  }

  return createServer((req, res) => {
    route(req).then(
      ({ status, headers, body }) => res.writeHead(status, headers).end(body),
      (error) => {
        console.error('intranet:', error instanceof Error ? error.message : error);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Something went wrong');
      },
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { TIDBOK_URL = 'http://localhost:8787', TIDBOK_CLINIC = 'demo', TIDBOK_INTEGRATION_KEY, PORT = '8788' } = process.env;
  if (!TIDBOK_INTEGRATION_KEY) {
    console.error('Set TIDBOK_INTEGRATION_KEY (Settings > Staff > Integration keys in Tidbok).');
    process.exit(1);
  }
  createIntranet({ tidbokUrl: TIDBOK_URL, clinic: TIDBOK_CLINIC, integrationKey: TIDBOK_INTEGRATION_KEY }).listen(Number(PORT), () =>
    console.log(`Intranet on http://localhost:${PORT} (Tidbok at ${TIDBOK_URL}, clinic ${TIDBOK_CLINIC})`),
  );
}
