import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin } from './admin-client.js';
import { isTidbokError, TidbokError } from './errors.js';
import { createTidbok } from './public-client.js';
import { fakeFetch, jsonResponse, type Served, serve } from './test-support.js';
import { listen } from '../../../server/src/testing.js';

/** The rejection of `promise`, which must be a TidbokError. */
async function failure(promise: Promise<unknown>): Promise<TidbokError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TidbokError);
  return error as TidbokError;
}

const noDelay = { limit: 2, delay: () => 0 };

describe('errors from a real server', () => {
  let s: Served;
  beforeEach(async () => {
    s = await serve('lugna');
  });
  afterEach(async () => {
    await s.close();
  });

  it('a missing or wrong staff token is 401 unauthorized with the problem attached', async () => {
    const admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: 'tbs_not-a-token' });
    const error = await failure(admin.locations.list());
    expect(error).toMatchObject({ name: 'TidbokError', status: 401, code: 'unauthorized' });
    expect(error.problem).toMatchObject({ status: 401, code: 'unauthorized', detail: 'The staff token is not valid' });
    expect(error.message).toBe('The staff token is not valid');
    expect(error.response?.status).toBe(401);
    expect(error.request?.method).toBe('GET');
    expect(error.request?.url).toBe(`${s.url}/v1/clinics/lugna/admin/locations`);
  });

  it("a token used on another clinic's path is 403 forbidden", async () => {
    const other = await s.t.clinic('annan');
    const admin = createTidbokAdmin({ baseUrl: s.url, clinic: other.slug, token: s.token });
    const error = await failure(admin.settings.get());
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('an unknown resource or clinic is 404 not_found', async () => {
    const admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
    expect(await failure(admin.locations.get('lo_missing'))).toMatchObject({ status: 404, code: 'not_found' });
    const tidbok = createTidbok({ baseUrl: s.url, clinic: 'no-such-clinic' });
    expect(await failure(tidbok.clinic())).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('a body the server refuses is 400 validation_failed with one entry per field', async () => {
    const admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
    const error = await failure(admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60, clientMinutes: 90, color: 'blue' }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    const paths = error.problem?.errors?.map((e) => e.path);
    expect(paths).toContain('color');
    expect(error.problem?.errors?.every((e) => typeof e.message === 'string')).toBe(true);
  });

  it('a closed port is network_error with status 0, after the retries a GET is allowed', async () => {
    const closed = await listen(s.t.app);
    await closed.close();
    let attempts = 0;
    const tidbok = createTidbok({
      baseUrl: closed.url,
      clinic: s.slug,
      retry: noDelay,
      fetch: (request) => {
        attempts++;
        return fetch(request);
      },
    });
    const error = await failure(tidbok.clinic());
    expect(error).toMatchObject({ code: 'network_error', status: 0, problem: undefined, response: undefined });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.request?.url).toBe(`${closed.url}/v1/clinics/lugna`);
    expect(attempts).toBe(3);
  });

  it('an abort before or during the call is aborted, with the reason as cause', async () => {
    const tidbok = createTidbok({ baseUrl: s.url, clinic: s.slug });
    const early = new AbortController();
    early.abort(new Error('left the page'));
    const before = await failure(tidbok.clinic({ signal: early.signal }));
    expect(before).toMatchObject({ code: 'aborted', status: 0 });
    expect(before.cause).toEqual(new Error('left the page'));

    // In flight: a server that never answers, aborted once the request is out.
    const late = new AbortController();
    const pending = createTidbok({
      baseUrl: s.url,
      clinic: s.slug,
      fetch: (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
          late.abort(new Error('closed the dialog'));
        }),
    }).clinic({ signal: late.signal });
    expect(await failure(pending)).toMatchObject({ code: 'aborted', status: 0 });
  });
});

describe('errors a real server will not produce on demand', () => {
  const base = { baseUrl: 'http://clinic.test', clinic: 'lugna' };

  it('a body that fails the core schema is invalid_response, with the zod error as cause', async () => {
    const { fetch } = fakeFetch(() => jsonResponse({ slug: 'lugna', name: 42 }));
    const error = await failure(createTidbok({ ...base, fetch }).clinic());
    expect(error).toMatchObject({ code: 'invalid_response', status: 200, problem: undefined });
    expect(error.response?.status).toBe(200);
    expect(error.cause).toMatchObject({ issues: expect.any(Array) });
  });

  it('a body that is not JSON is invalid_response', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>captive portal</html>', { status: 200 }));
    const error = await failure(createTidbok({ ...base, fetch }).clinic());
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('an error status without a problem body takes its code from the status, else http_error', async () => {
    const proxy = fakeFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const gateway = await failure(createTidbok({ ...base, retry: 0, fetch: proxy.fetch }).clinic());
    expect(gateway).toMatchObject({ code: 'unavailable', status: 502, problem: undefined });

    const teapot = fakeFetch(() => new Response('short and stout', { status: 418 }));
    const odd = await failure(createTidbok({ ...base, fetch: teapot.fetch }).clinic());
    expect(odd).toMatchObject({ code: 'http_error', status: 418 });
    expect(odd.message).toBe('GET http://clinic.test/v1/clinics/lugna failed with status 418');
  });

  it('a server code the SDK does not know yet is passed through', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify({ type: 'x', title: 'Gone fishing', status: 409, code: 'clinic_closed' }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    const error = await failure(createTidbok({ ...base, fetch }).clinic());
    expect(error).toMatchObject({ code: 'clinic_closed', status: 409, message: 'Gone fishing' });
  });

  it('no answer within `timeout` is timeout', async () => {
    const fetch = (request: Request) =>
      new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    const error = await failure(createTidbok({ ...base, timeout: 20, fetch }).clinic());
    expect(error).toMatchObject({ code: 'timeout', status: 0 });
  });

  it('an invalid Date is refused before any request, as validation_failed', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse({}));
    const tidbok = createTidbok({ ...base, fetch });
    const error = await failure(tidbok.slots({ treatmentTypeId: 'tt_1', from: new Date('nope'), to: '2027-03-07' }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 0, message: 'from: Invalid Date' });
    expect(calls).toHaveLength(0);
  });
});

describe('isTidbokError', () => {
  it('recognises TidbokErrors, also from another realm, and nothing else', () => {
    expect(isTidbokError(new TidbokError('conflict', 'taken', { status: 409 }))).toBe(true);
    const foreign: unknown = runInNewContext("(() => { const e = new Error('taken'); e.name = 'TidbokError'; e.code = 'conflict'; return e; })()");
    expect(foreign instanceof TidbokError).toBe(false);
    expect(isTidbokError(foreign)).toBe(true);
    expect(isTidbokError(new Error('plain'))).toBe(false);
    expect(isTidbokError(null)).toBe(false);
    expect(isTidbokError('TidbokError')).toBe(false);
  });

  it('has the name, message and fields of ky-style errors', () => {
    const error = new TidbokError('slot_unavailable', 'That time is no longer available', { status: 409 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TidbokError');
    expect(String(error)).toBe('TidbokError: That time is no longer available');
    expect(error).toMatchObject({ status: 409, code: 'slot_unavailable', problem: undefined });
  });
});
