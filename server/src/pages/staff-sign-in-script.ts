/**
 * The hosted staff page's script (routes/staff-sign-in-page.ts), served as the file
 * `/staff/sign-in.js`: the page allows no inline script. It is written here as one
 * self-contained function, so TypeScript checks it, and sent as that function's source
 * (`STAFF_SIGN_IN_SCRIPT`); it must therefore use nothing from outside its own body.
 *
 * Passkeys go through `navigator.credentials` directly, with small base64url helpers, rather
 * than a bundled @simplewebauthn/browser: the page's script is served by the server as it is,
 * without a build step of its own, and the browser half of WebAuthn is only the conversion of
 * the server's JSON options into ArrayBuffers and of the credential back into JSON.
 *
 * What it does: signs in (passkey, or e-mail + password + TOTP code), accepts an invitation
 * from `#invitation=…` (a passkey, or a password with an authenticator app), keeps the session
 * token in sessionStorage for this tab only, and shows the staff calendar (`<tidbok-admin>`
 * from /embed/tidbok.js) with it. Texts come from the page (`#tidbok-staff-texts`).
 */
function staffSignInPage() {
  type Texts = Record<string, string>;
  interface Session {
    token: string;
    sessionId: string;
    expiresAt: string;
    staff: { id: string; name: string; role: string };
  }
  interface Problem {
    status: number;
    code: string;
    detail: string;
    retryAfter: number;
    errors: { path: string; message: string }[];
  }

  const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
  const texts = JSON.parse($('tidbok-staff-texts').textContent || '{}') as Texts;
  const t = (key: string, values: Record<string, string | number> = {}) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  const clinic = document.body.dataset.clinic ?? '';
  const locale = document.documentElement.lang === 'en' ? 'en' : 'sv';
  const api = `/v1/clinics/${encodeURIComponent(clinic)}`;
  const storageKey = `tidbok-staff:${clinic}`;

  // ---- base64url and WebAuthn's JSON forms ----
  const fromB64 = (text: string) => {
    const base64 = text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '=');
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
  };
  const toB64 = (buffer: ArrayBuffer | null) => {
    if (!buffer) return undefined;
    let binary = '';
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const creationOptions = (o: Json): PublicKeyCredentialCreationOptions =>
    ({
      ...o,
      challenge: fromB64(o.challenge),
      user: { ...o.user, id: fromB64(o.user.id) },
      excludeCredentials: (o.excludeCredentials ?? []).map((c: Json) => ({ ...c, id: fromB64(c.id) })),
    }) as PublicKeyCredentialCreationOptions;
  const requestOptions = (o: Json): PublicKeyCredentialRequestOptions =>
    ({
      ...o,
      challenge: fromB64(o.challenge),
      allowCredentials: (o.allowCredentials ?? []).map((c: Json) => ({ ...c, id: fromB64(c.id) })),
    }) as PublicKeyCredentialRequestOptions;
  const credentialJson = (credential: PublicKeyCredential): Json => {
    const r = credential.response as Json;
    const response: Json = { clientDataJSON: toB64(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = toB64(r.authenticatorData);
      response.signature = toB64(r.signature);
      response.userHandle = toB64(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toB64(credential.rawId),
      type: credential.type,
      response,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    };
  };

  // ---- requests ----
  async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`${api}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      throw { status: 0, code: 'network', detail: '', retryAfter: 0, errors: [] } satisfies Problem;
    }
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok) {
      throw {
        status: res.status,
        code: String(json.code ?? 'unexpected'),
        detail: String(json.detail ?? ''),
        retryAfter: Number(res.headers.get('retry-after') ?? 0),
        errors: Array.isArray(json.errors) ? json.errors : [],
      } satisfies Problem;
    }
    return json as T;
  }

  // ---- what the page shows ----
  const statusLine = $('status');
  const errorLine = $('error');
  function say(message: string) {
    statusLine.textContent = message;
  }
  function fail(message: string) {
    errorLine.textContent = message;
    errorLine.hidden = message === '';
  }
  function show(section: 'sign-in' | 'invitation' | 'signed-in') {
    for (const id of ['sign-in', 'invitation', 'signed-in']) $(id).hidden = id !== section;
  }
  /** Disables the form's controls and marks it busy while `work` runs. */
  async function busy(container: HTMLElement, message: string, work: () => Promise<void>) {
    const controls = [...container.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')];
    const before = controls.map((c) => c.disabled);
    controls.forEach((c) => (c.disabled = true));
    container.setAttribute('aria-busy', 'true');
    fail('');
    say(message);
    try {
      await work();
    } finally {
      controls.forEach((c, i) => (c.disabled = before[i]!));
      container.removeAttribute('aria-busy');
      say('');
    }
  }

  /** A readable sentence for a failed request, in the page's language. */
  function explain(error: unknown, where: 'password' | 'passkey' | 'invitation' | 'session'): string {
    if (error instanceof DOMException) {
      if (error.name === 'NotAllowedError' || error.name === 'AbortError') return t('passkeyCancelled');
      if (error.name === 'InvalidStateError') return t('passkeyExists');
      return t('passkeyUnsupported');
    }
    const p = error as Problem;
    if (!p || typeof p.status !== 'number') return t('unexpected', { detail: String(error) });
    const field = p.errors[0]?.path ?? '';
    switch (p.code) {
      case 'network':
        return t('network');
      case 'sign_in_locked':
        return t('locked', { minutes: Math.max(1, Math.ceil(p.retryAfter / 60)) });
      case 'rate_limited':
        return t('wait', { seconds: Math.max(1, p.retryAfter) });
      case 'invitation_invalid':
        return t('invitationInvalid');
      case 'totp_required':
        return where === 'invitation' ? t('totpNeededForAdmins') : t('enterCode');
      case 'token_expired':
        return t('sessionEnded');
      case 'forbidden':
        return where === 'password' ? t('adminNeedsTotp') : t('unexpected', { detail: p.detail });
      case 'unauthorized':
        if (where === 'password') return /code/i.test(p.detail) ? t('wrongCode') : t('wrongCredentials');
        if (where === 'passkey') return t('passkeyUnknown');
        return t('sessionEnded');
      case 'validation_failed':
        if (field === 'password') return t('passwordTooShort');
        if (field.startsWith('totp')) return t('wrongNewCode');
        return t('unexpected', { detail: p.detail });
      default:
        return t('unexpected', { detail: p.detail || p.code });
    }
  }

  // ---- the session ----
  const saved = (): Session | null => {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Session | null;
    } catch {
      return null;
    }
  };
  let session: Session | null = null;

  function signedOut(message = '') {
    session = null;
    sessionStorage.removeItem(storageKey);
    $('calendar').replaceChildren();
    show('sign-in');
    fail(message);
    $('passkey-sign-in').focus();
  }

  async function signedIn(next: Session) {
    session = next;
    sessionStorage.setItem(storageKey, JSON.stringify(next));
    history.replaceState(null, '', location.pathname + location.search);
    $('who').textContent = t('signedInAs', { name: next.staff.name });
    show('signed-in');
    fail('');
    // The control that signed in is gone: keyboard focus starts again at the top of the page.
    $('who').focus();
    const calendar = $('calendar');
    const admin = document.createElement('tidbok-admin') as unknown as HTMLElement & Record<string, unknown>;
    admin.setAttribute('api', location.origin);
    admin.setAttribute('clinic', clinic);
    admin.setAttribute('locale', locale);
    // A property, never an attribute: the token stays out of the DOM.
    admin.token = next.token;
    admin.addEventListener('tidbok-session-expired', () => signedOut(t('sessionEnded')));
    calendar.replaceChildren(admin);
    $('totp-panel').hidden = true;
    // Offer an authenticator app to whoever signs in with a password that has none.
    $('add-totp').hidden = true;
    call<{ password: boolean; totp: boolean }>('GET', '/admin/me/credentials', undefined, next.token).then(
      (mine) => ($('add-totp').hidden = session !== next || !mine.password || mine.totp),
      () => undefined,
    );
    // The embed bundle defines <tidbok-admin> (and loads the staff chunk) when it finds the tag
    // in the page. A script element rather than import(): this function's source is served as
    // written, and must not depend on how a bundler or test runner rewrites dynamic imports.
    if (!document.querySelector('script[data-tidbok-embed]')) {
      const embed = document.createElement('script');
      embed.type = 'module';
      embed.src = '/embed/tidbok.js';
      embed.dataset.tidbokEmbed = '';
      embed.addEventListener('error', () => {
        embed.remove();
        if (session) calendar.textContent = t('calendarMissing');
      });
      document.head.append(embed);
    }
  }

  // ---- signing in ----
  $('passkey-sign-in').addEventListener(
    'click',
    () =>
      void busy($('sign-in'), t('waitingForPasskey'), async () => {
        try {
          if (!window.PublicKeyCredential) throw new DOMException('', 'NotSupportedError');
          const { challengeId, options } = await call<{ challengeId: string; options: Json }>('POST', '/staff-sign-in/passkey/options');
          const credential = (await navigator.credentials.get({ publicKey: requestOptions(options) })) as PublicKeyCredential | null;
          if (!credential) throw new DOMException('', 'NotAllowedError');
          await signedIn(await call<Session>('POST', '/staff-sign-in/passkey', { challengeId, response: credentialJson(credential) }));
        } catch (error) {
          fail(explain(error, 'passkey'));
        }
      }),
  );

  const passwordForm = $<HTMLFormElement>('password-form');
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(passwordForm);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const totp = String(data.get('totp') ?? '').trim();
    if (!email || !password) {
      fail(t('fillIn'));
      ($(email ? 'password' : 'email') as HTMLInputElement).focus();
      return;
    }
    void busy(passwordForm, t('signingIn'), async () => {
      try {
        await signedIn(await call<Session>('POST', '/staff-sign-in/password', { email, password, ...(totp ? { totp } : {}) }));
        passwordForm.reset();
        $('totp-row').hidden = true;
      } catch (error) {
        const p = error as Problem;
        fail(explain(error, 'password'));
        if (p?.code === 'totp_required' || (p?.code === 'unauthorized' && /code/i.test(p.detail))) {
          $('totp-row').hidden = false;
          const code = $<HTMLInputElement>('totp');
          code.value = '';
          setTimeout(() => code.focus());
        }
      }
    });
  });

  // ---- invitations ----
  const invitationInAddress = () => {
    const match = /(?:^#|&)invitation=([^&]+)/.exec(location.hash);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]!);
    } catch {
      return null;
    }
  };
  let invitationToken = invitationInAddress();

  async function openInvitation(token: string) {
    show('invitation');
    await busy($('invitation'), t('loading'), async () => {
      try {
        const view = await call<{ staff: { name: string; role: string }; totpRequired: boolean; totp: { secret: string; uri: string; qrSvg: string } }>(
          'POST',
          '/staff-sign-in/invitation',
          { invitation: token },
        );
        $('invitee').textContent = view.staff.name;
        $('totp-secret').textContent = view.totp.secret.replace(/(.{4})/g, '$1 ').trim();
        $('totp-uri').textContent = view.totp.uri;
        $<HTMLImageElement>('totp-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(view.totp.qrSvg)}`;
        const use = $<HTMLInputElement>('use-totp');
        use.checked = view.totpRequired;
        use.disabled = view.totpRequired;
        $('use-totp-row').hidden = view.totpRequired;
        $('totp-required').hidden = !view.totpRequired;
        const sync = () => ($('totp-enrol-body').hidden = !use.checked);
        use.addEventListener('change', sync);
        sync();
        $('invitation').dataset.secret = view.totp.secret;
        $('invitation').dataset.required = String(view.totpRequired);
      } catch (error) {
        $('invitation-choices').hidden = true;
        fail(explain(error, 'invitation'));
      }
    });
    // After `busy`, which disables every control while it runs.
    $<HTMLInputElement>('use-totp').disabled = $('invitation').dataset.required === 'true';
  }

  $('invite-passkey').addEventListener(
    'click',
    () =>
      void busy($('invitation'), t('waitingForPasskey'), async () => {
        try {
          if (!window.PublicKeyCredential) throw new DOMException('', 'NotSupportedError');
          const { challengeId, options } = await call<{ challengeId: string; options: Json }>('POST', '/staff-sign-in/invitation/passkey/options', {
            invitation: invitationToken,
          });
          const credential = (await navigator.credentials.create({ publicKey: creationOptions(options) })) as PublicKeyCredential | null;
          if (!credential) throw new DOMException('', 'NotAllowedError');
          await signedIn(
            await call<Session>('POST', '/staff-sign-in/invitation/passkey', {
              invitation: invitationToken,
              challengeId,
              response: credentialJson(credential),
            }),
          );
        } catch (error) {
          fail(explain(error, 'invitation'));
        }
      }),
  );

  const invitePassword = $<HTMLFormElement>('invite-password');
  invitePassword.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(invitePassword);
    const password = String(data.get('password') ?? '');
    if ([...password].length < 12) {
      fail(t('passwordTooShort'));
      $('new-password').focus();
      return;
    }
    if (password !== String(data.get('repeat') ?? '')) {
      fail(t('passwordsDiffer'));
      $('repeat-password').focus();
      return;
    }
    const useTotp = $<HTMLInputElement>('use-totp').checked;
    const code = String(data.get('code') ?? '').replace(/\s+/g, '');
    if (useTotp && !/^\d{6}$/.test(code)) {
      fail(t('enterNewCode'));
      $('new-code').focus();
      return;
    }
    const totp = useTotp ? { secret: $('invitation').dataset.secret ?? '', code } : undefined;
    void busy(invitePassword, t('saving'), async () => {
      try {
        await signedIn(await call<Session>('POST', '/staff-sign-in/invitation/password', { invitation: invitationToken, password, ...(totp ? { totp } : {}) }));
      } catch (error) {
        fail(explain(error, 'invitation'));
      }
    });
  });

  // ---- signed in ----
  $('add-passkey').addEventListener(
    'click',
    () =>
      void busy($('signed-in'), t('waitingForPasskey'), async () => {
        const current = session;
        if (!current) return;
        try {
          const { challengeId, options } = await call<{ challengeId: string; options: Json }>('POST', '/admin/me/passkeys/options', undefined, current.token);
          const credential = (await navigator.credentials.create({ publicKey: creationOptions(options) })) as PublicKeyCredential | null;
          if (!credential) throw new DOMException('', 'NotAllowedError');
          await call('POST', '/admin/me/passkeys', { challengeId, response: credentialJson(credential) }, current.token);
          setTimeout(() => say(t('passkeyAdded')));
        } catch (error) {
          const p = error as Problem;
          if (p?.status === 401) signedOut(t('sessionEnded'));
          else fail(explain(error, 'session'));
        }
      }),
  );

  $('add-totp').addEventListener(
    'click',
    () =>
      void busy($('signed-in'), t('loading'), async () => {
        const current = session;
        if (!current) return;
        try {
          const enrolment = await call<{ secret: string; uri: string; qrSvg: string }>('POST', '/admin/me/totp/options', undefined, current.token);
          $('enrol-secret').textContent = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
          $('enrol-uri').textContent = enrolment.uri;
          $<HTMLImageElement>('enrol-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;
          $('totp-panel').dataset.secret = enrolment.secret;
          $<HTMLInputElement>('enrol-code').value = '';
          $('totp-panel').hidden = false;
          setTimeout(() => $('enrol-code').focus());
        } catch (error) {
          fail(explain(error, 'session'));
        }
      }),
  );
  $('enrol-cancel').addEventListener('click', () => {
    $('totp-panel').hidden = true;
    $('add-totp').focus();
  });
  const totpPanel = $<HTMLFormElement>('totp-panel');
  totpPanel.addEventListener('submit', (event) => {
    event.preventDefault();
    const current = session;
    const code = $<HTMLInputElement>('enrol-code').value.replace(/\s+/g, '');
    if (!current) return;
    if (!/^\d{6}$/.test(code)) {
      fail(t('enterNewCode'));
      $('enrol-code').focus();
      return;
    }
    void busy(totpPanel, t('saving'), async () => {
      try {
        await call('PUT', '/admin/me/totp', { secret: totpPanel.dataset.secret ?? '', code }, current.token);
        totpPanel.hidden = true;
        $('add-totp').hidden = true;
        setTimeout(() => say(t('totpSaved')));
      } catch (error) {
        const p = error as Problem;
        fail(p?.code === 'validation_failed' ? t('wrongNewCode') : explain(error, 'session'));
      }
    });
  });

  $('log-out').addEventListener(
    'click',
    () =>
      void busy($('signed-in'), t('loggingOut'), async () => {
        const current = session;
        if (current) await call('DELETE', `/admin/sessions/${encodeURIComponent(current.sessionId)}`, undefined, current.token).catch(() => undefined);
        signedOut();
        say(t('loggedOut'));
      }),
  );

  $('log-out-everywhere').addEventListener(
    'click',
    () =>
      void busy($('signed-in'), t('loggingOut'), async () => {
        const current = session;
        if (!current) return;
        try {
          await call('POST', '/admin/me/logout-everywhere', undefined, current.token);
          signedOut();
          setTimeout(() => say(t('loggedOutEverywhere')));
        } catch (error) {
          const p = error as Problem;
          if (p?.status === 401) signedOut(t('sessionEnded'));
          else fail(explain(error, 'session'));
        }
      }),
  );

  // Language links keep an invitation in the address (it is after `#`, which links drop).
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lang]')) {
    link.addEventListener('click', () => (link.href = `${link.href.split('#')[0]}${location.hash}`));
  }

  // ---- start ----
  const start = async () => {
    invitationToken = invitationInAddress();
    if (invitationToken) return openInvitation(invitationToken);
    const previous = saved();
    if (!previous) return signedOut();
    // Still valid? (Ended elsewhere, idle too long, or past its expiry: sign in again.)
    try {
      await call('GET', '/admin/me/credentials', undefined, previous.token);
    } catch (error) {
      return signedOut((error as Problem)?.status === 401 ? t('sessionEnded') : explain(error, 'session'));
    }
    return signedIn(previous);
  };
  $('page').hidden = false;
  // An invitation link opened in a tab that shows this page already changes only the `#…`.
  addEventListener('hashchange', () => invitationInAddress() && void start());
  void start();
}

/** The script as served: the function's source, called. */
export const STAFF_SIGN_IN_SCRIPT = `(${staffSignInPage.toString()})();\n`;
