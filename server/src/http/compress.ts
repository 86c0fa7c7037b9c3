import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Compression: the embed bundle compressed once per file at the best settings (routes/static.ts),
 * and JSON answers above a small size compressed as they go out. Written on node:zlib rather than
 * `hono/compress`, which offers no brotli, streams every answer through a CompressionStream, and
 * compresses an answer whose length it does not know (most of ours): small answers, the hot ones
 * (a hold, a booking), gain nothing from it and would pay for it.
 */

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to send, of `offered` (in the server's order of preference), by the request's
 * `Accept-Encoding`; null for none (identity). `q=0` refuses one; `*` stands for any not named.
 */
export function chooseEncoding(acceptEncoding: string | undefined, offered: readonly Encoding[] = ['br', 'gzip']): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q) || 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of offered) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Compresses a file once, at the best (slow) settings: for files served many times. */
export async function compressStatic(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    });
  }
  return gzipAsync(body, { level: constants.Z_BEST_COMPRESSION });
}

/** Compresses an answer on its way out: fast settings (brotli 4 is about gzip 6's speed, and smaller). */
function compressDynamic(text: string, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(text, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    });
  }
  return gzipAsync(text, { level: 6 });
}

/**
 * Compressed forms of recent answers, by their text. Slot lists and catalogues are answered
 * again and again from the read cache (store/read-cache.ts) as the very same string, which a Map
 * finds without reading it through (V8 keeps a string's hash and compares the same string by
 * reference), so a repeated answer is compressed once. Bounded by the texts' total length.
 */
class RecentlyCompressed {
  readonly #entries = new Map<string, Partial<Record<Encoding, Promise<Buffer>>>>();
  #chars = 0;
  constructor(private readonly maxChars: number) {}

  get(text: string, encoding: Encoding): Promise<Buffer> {
    let forms = this.#entries.get(text);
    if (forms) {
      // Most recently used last, so that the first key is the one to drop.
      this.#entries.delete(text);
    } else {
      forms = {};
      this.#chars += text.length;
      while (this.#chars > this.maxChars && this.#entries.size > 0) {
        const oldest = this.#entries.keys().next().value!;
        this.#entries.delete(oldest);
        this.#chars -= oldest.length;
      }
    }
    this.#entries.set(text, forms);
    const made = (forms[encoding] ??= compressDynamic(text, encoding));
    made.catch(() => delete forms[encoding]);
    return made;
  }
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Compresses JSON answers of at least `thresholdBytes` for clients that accept br or gzip.
 *
 * The size is known without reading the answer back: `c.json` and `c.body` are wrapped for the
 * request to note the text they were given, so a small answer costs one length check. (Reading a
 * response's body back would make @hono/node-server build a full WHATWG Response for every
 * answer.) An answer made some other way (a `new Response`) goes out as it is.
 */
export function compressJson(thresholdBytes = 1024): MiddlewareHandler {
  const recent = new RecentlyCompressed(4_000_000);
  return async (c, next) => {
    if (c.req.method === 'HEAD') return next();
    // The last large text and the answer made of it.
    let made: Response | undefined;
    let text: string | undefined;
    const body = c.body;
    const noted: Context['body'] = ((data: unknown, ...rest: unknown[]) => {
      const res = (body as (...args: unknown[]) => Response)(data, ...rest);
      if (typeof data === 'string' && data.length >= thresholdBytes) {
        made = res;
        text = data;
      }
      return res;
    }) as Context['body'];
    c.body = noted;
    // As Hono's own `c.json`, through the noting `c.body`.
    c.json = ((object: unknown, arg?: unknown, headers?: Record<string, string>) =>
      (noted as (...args: unknown[]) => Response)(JSON.stringify(object), arg, { 'Content-Type': 'application/json', ...headers })) as Context['json'];
    await next();

    const res = c.res;
    if (text === undefined || res !== made || res.headers.has('content-encoding') || !JSON_TYPE.test(res.headers.get('content-type') ?? '')) return;
    if (Buffer.byteLength(text) < thresholdBytes) return;
    const vary = res.headers.get('vary');
    res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const compressed = await recent.get(text, encoding);
    const headers = new Headers(res.headers);
    headers.set('Content-Encoding', encoding);
    headers.delete('content-length');
    // Unset first: assigning over an answer makes Hono copy the old one into the new one.
    c.res = undefined;
    c.res = new Response(new Uint8Array(compressed), {
      status: res.status,
      headers,
    });
  };
}
