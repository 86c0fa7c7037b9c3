import { Hono } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { html, raw } from 'hono/html';
import { STAFF_SIGN_IN_SCRIPT } from '../pages/staff-sign-in-script.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { type StaffPageLocale, staffPageTexts, staffScriptTexts } from './staff-sign-in-texts.js';

/** Where the page's script is served (a file: the page allows no inline script). */
export const STAFF_SCRIPT_PATH = '/staff/sign-in.js';

const STYLE = `
:root{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;background:#f3f5f8;line-height:1.45}
body{margin:0}[hidden]{display:none!important}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.7rem 1.25rem;background:#1d3557;color:#fff}
header h1{font-size:1.15rem;margin:0;font-weight:600}header .role{opacity:.8}
header nav{margin-left:auto;display:flex;gap:.75rem;font-size:.95rem}
header a{color:#fff}header a[aria-current]{font-weight:700;text-decoration:none}
main{padding:1.5rem 1rem}
.card{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #d9dee5;border-radius:10px;padding:1.5rem 1.5rem 1.75rem;box-shadow:0 1px 3px rgb(0 0 0/.06)}
.card.wide{max-width:40rem}
h2{margin:0 0 .5rem;font-size:1.35rem}h3{font-size:1.05rem;margin:1.5rem 0 .4rem}
label{display:block;margin:.85rem 0 .25rem;font-weight:500}
input[type=email],input[type=password],input[type=text]{box-sizing:border-box;width:100%;font:inherit;padding:.55rem .65rem;border:1px solid #9aa5b1;border-radius:6px}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #f4a261;outline-offset:2px}
button{font:inherit;cursor:pointer;border-radius:6px;padding:.6rem 1rem;border:1px solid #1d3557;background:#fff;color:#1d3557}
button.primary{background:#1d3557;color:#fff;width:100%;margin-top:1rem}
button.passkey{width:100%;background:#2a6f97;border-color:#2a6f97;color:#fff;font-weight:600}
button:disabled{opacity:.6;cursor:progress}
.or{text-align:center;color:#52606d;margin:1.25rem 0 0}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400}
.qr{display:block;width:11rem;height:11rem;margin:.5rem 0;image-rendering:pixelated;background:#fff}
code{font-size:1rem;letter-spacing:.05em;word-break:break-all;background:#f3f5f8;padding:.15rem .35rem;border-radius:4px}
details code{font-size:.8rem}
.note{color:#52606d;font-size:.95rem}
#error{max-width:28rem;margin:1rem auto 0;padding:.7rem 1rem;border-radius:6px;background:#fdecea;color:#8a1c1c;border:1px solid #f5c2c0}
#status{max-width:28rem;margin:.75rem auto 0;min-height:1.2em;text-align:center;color:#334e68}
.card .bar{margin:1rem 0 0}.card .bar .primary{width:auto;margin:0}
.bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 1rem}.bar #who{margin-right:auto;font-weight:500}
`;

function pickLocale(query: string | undefined, clinicLocale: string): StaffPageLocale {
  if (query === 'sv' || query === 'en') return query;
  return clinicLocale === 'en' ? 'en' : 'sv';
}

/** Data for the script; `<` escaped so no text can close the element. */
const jsonForPage = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function renderPage(clinic: { slug: string; name: string }, locale: StaffPageLocale) {
  const t = staffPageTexts(locale);
  const lang = (code: StaffPageLocale, label: string) =>
    code === locale
      ? html`<a data-lang href="?lang=${code}" lang="${code}" aria-current="true">${label}</a>`
      : html`<a data-lang href="?lang=${code}" lang="${code}">${label}</a>`;
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${t.title} – ${clinic.name}</title>
        <script type="application/json" id="tidbok-staff-texts">
          ${raw(jsonForPage(staffScriptTexts(locale)))}
        </script>
        <script type="module" src="${STAFF_SCRIPT_PATH}"></script>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body data-clinic="${clinic.slug}">
        <header>
          <h1>${clinic.name}</h1>
          <span class="role">${t.title}</span>
          <nav aria-label="${t.languages}">${lang('sv', 'Svenska')}${lang('en', 'English')}</nav>
        </header>
        <noscript><p class="card">${t.noscript}</p></noscript>
        <main id="page" hidden>
          <section id="sign-in" class="card" hidden aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">${t.signIn}</h2>
            <p class="note">${t.signInIntro}</p>
            <button type="button" id="passkey-sign-in" class="passkey">${t.passkeySignIn}</button>
            <p class="or">${t.orPassword}</p>
            <form id="password-form" novalidate>
              <label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required maxlength="254" />
              <label for="password">${t.password}</label
              ><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" />
              <div id="totp-row" hidden>
                <label for="totp">${t.code}</label><input id="totp" name="totp" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" />
              </div>
              <button type="submit" class="primary">${t.submitSignIn}</button>
            </form>
          </section>
          <section id="invitation" class="card wide" hidden aria-labelledby="invitation-title">
            <h2 id="invitation-title">${t.welcome}, <span id="invitee"></span></h2>
            <div id="invitation-choices">
              <p class="note">${t.invitationIntro}</p>
              <h3>${t.passkeyHeading}</h3>
              <p class="note">${t.passkeyIntro}</p>
              <button type="button" id="invite-passkey" class="passkey">${t.createPasskey}</button>
              <h3>${t.passwordHeading}</h3>
              <form id="invite-password" novalidate>
                <label for="new-password">${t.newPassword}</label
                ><input id="new-password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required />
                <label for="repeat-password">${t.repeatPassword}</label
                ><input id="repeat-password" name="repeat" type="password" autocomplete="new-password" minlength="12" maxlength="256" required />
                <p id="totp-required" class="note" hidden>${t.totpRequired}</p>
                <label id="use-totp-row" class="check"><input id="use-totp" type="checkbox" />${t.useTotp}</label>
                <div id="totp-enrol-body">
                  <p class="note">${t.totpIntro}</p>
                  <img id="totp-qr" class="qr" alt="${t.totpQr}" />
                  <p>${t.totpSecret}: <code id="totp-secret"></code></p>
                  <details>
                    <summary>${t.totpLink}</summary>
                    <code id="totp-uri"></code>
                  </details>
                  <label for="new-code">${t.newCode}</label
                  ><input id="new-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" />
                </div>
                <button type="submit" class="primary">${t.savePassword}</button>
              </form>
            </div>
          </section>
          <section id="signed-in" hidden>
            <div class="bar">
              <span id="who" tabindex="-1"></span>
              <button type="button" id="add-passkey">${t.addPasskey}</button>
              <button type="button" id="log-out">${t.logOut}</button>
              <button type="button" id="add-totp" hidden>${t.addTotp}</button>
              <button type="button" id="log-out-everywhere">${t.logOutEverywhere}</button>
            </div>
            <form id="totp-panel" class="card wide" hidden novalidate aria-labelledby="totp-panel-title">
              <h2 id="totp-panel-title">${t.addTotp}</h2>
              <p class="note">${t.totpIntro}</p>
              <img id="enrol-qr" class="qr" alt="${t.totpQr}" />
              <p>${t.totpSecret}: <code id="enrol-secret"></code></p>
              <details>
                <summary>${t.totpLink}</summary>
                <code id="enrol-uri"></code>
              </details>
              <label for="enrol-code">${t.newCode}</label
              ><input id="enrol-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" />
              <div class="bar"><button type="submit" class="primary">${t.saveTotp}</button><button type="button" id="enrol-cancel">${t.cancel}</button></div>
            </form>
            <div id="calendar"></div>
          </section>
          <p id="error" role="alert" hidden></p>
          <p id="status" role="status" aria-live="polite"></p>
        </main>
      </body>
    </html>`;
}

/**
 * The hosted staff page of each clinic, `/staff/<slug>/`: sign-in with a passkey or password,
 * invitations (`#invitation=…`), and, signed in, the staff calendar. Its language is the
 * clinic's unless `?lang=sv|en` says otherwise (the page's language links). The page runs under
 * the server's page policy: its one script is the file `/staff/sign-in.js`, and the
 * calendar's `/embed/…` files are the server's own too.
 */
export function staffSignInPage(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(STAFF_SCRIPT_PATH, (c) =>
    c.body(STAFF_SIGN_IN_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  );
  app.get('/staff/:clinic/', async (c) => {
    const clinic = await findClinicBySlug(deps, c.req.param('clinic'));
    if (!clinic) throw new ApiError('not_found', 'No such clinic');
    c.header('Cache-Control', 'no-cache');
    return c.html(await renderPage(clinic, pickLocale(c.req.query('lang'), clinic.locale)));
  });
  app.get('/staff/:clinic', (c) => c.redirect(`/staff/${encodeURIComponent(c.req.param('clinic'))}/`));
  return app;
}
