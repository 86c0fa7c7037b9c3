/**
 * Why: route tests that go over real HTTP (listen() from testing.ts) each wrote out the same
 * request: an optional client address in X-Forwarded-For (for the rate limits, with `trustProxy`),
 * an optional bearer token, an optional JSON body, and the answer read as JSON when there is one.
 */
export interface JsonRequest {
  token?: string | undefined;
  body?: unknown;
  /** Sent as X-Forwarded-For. */
  ip?: string | undefined;
}

export interface JsonAnswer {
  status: number;
  /** The parsed JSON, or null for an empty answer. */
  body: any;
  /** The answer as sent, for failure messages and "does not contain" checks. */
  text: string;
  headers: Headers;
}

export async function requestJson(url: string, method: string, options: JsonRequest = {}): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (options.ip !== undefined) headers['x-forwarded-for'] = options.ip;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text, headers: res.headers };
}
