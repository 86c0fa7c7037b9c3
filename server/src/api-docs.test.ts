import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchor, renderApiDocs, typeOf } from './http/api-docs.js';
import { createTestContext, type TestContext } from './testing.js';

/**
 * docs/api.md is generated from the OpenAPI document. Whoever adds or changes a route runs
 * `npm run docs` (UPDATE_DOCS=1) and commits the result; this test fails until they do.
 */
const DOCS = fileURLToPath(new URL('../../docs/api.md', import.meta.url));

let t: TestContext;
let doc: any;
let rendered: string;
beforeAll(async () => {
  t = await createTestContext();
  doc = await (await t.call('GET', '/v1/openapi.json')).json();
  rendered = renderApiDocs(doc);
});
afterAll(async () => {
  await t.close();
});

describe('docs/api.md', () => {
  it('is the reference rendered from the current OpenAPI document (run `npm run docs` after changing routes)', () => {
    if (process.env.UPDATE_DOCS === '1') {
      writeFileSync(DOCS, rendered);
      console.log(`wrote ${DOCS}`);
    }
    expect(existsSync(DOCS), 'docs/api.md is missing: run `npm run docs`').toBe(true);
    const current = readFileSync(DOCS, 'utf8');
    if (current !== rendered) {
      // Say where, not only that: the whole file as a diff would bury the hint.
      const now = current.split('\n');
      const next = rendered.split('\n');
      const line = next.findIndex((text, i) => text !== now[i]);
      const at = line === -1 ? now.length : line;
      expect.fail(
        `docs/api.md is out of date: run \`npm run docs\` and commit the result.\n` +
          `First difference at line ${at + 1}:\n  file:      ${now[at] ?? '(end of file)'}\n  generated: ${next[at] ?? '(end of file)'}`,
      );
    }
  });

  it('has a section for every route with its access, and the same text every time', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) {
        expect(rendered, `${method} ${path}`).toContain(`### ${method.toUpperCase()} ${path}\n`);
      }
    }
    expect(rendered).toContain('- Access: staff token, role `admin`');
    expect(rendered).toContain('- Access: operator token');
    expect(rendered).toContain('- Access: public (no credentials)');
    expect(renderApiDocs(structuredClone(doc))).toBe(rendered);
  });

  it('lists body fields with their limits, and every error code', () => {
    const section = rendered.slice(rendered.indexOf('### POST /v1/clinics/{clinic}/admin/treatment-types\n'));
    const body = section.slice(0, section.indexOf('Responses:'));
    expect(body).toMatch(/\| `name` \| `string` \| yes \| one line; 1–200 characters \|/);
    expect(body).toMatch(/\| `color` \| `string` \| no \| matches `\^#\[0-9a-fA-F\]\{6\}\$` \|/);
    expect(body).toMatch(/\| `durationMinutes` \| `integer` \| yes \| .*≥ 5.*≤ 1440/);
    for (const code of ['validation_failed', 'unauthorized', 'forbidden', 'not_found', 'payload_too_large']) {
      expect(rendered).toContain(`| \`${code}\` |`);
    }
  });

  it('links every tag in the contents to a heading that exists', () => {
    const links = [...rendered.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)/gm)].map((m) => m[1]);
    const headings = new Set([...rendered.matchAll(/^## (.+)$/gm)].map((m) => anchor(m[1] ?? '')));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(headings, link).toContain(link);
  });
});

describe('renderApiDocs', () => {
  it('names types the way a reader expects', () => {
    expect(typeOf({ type: 'string' })).toBe('string');
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(typeOf({ type: 'array', items: { type: 'string', format: 'date' } })).toBe('string (date)[]');
    expect(typeOf({ type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'null' }] } })).toBe('(integer | null)[]');
    expect(typeOf({ type: 'string', enum: ['email', 'sms'] })).toBe('"email" | "sms"');
    expect(typeOf({ const: true })).toBe('true');
    expect(typeOf({ $ref: '#/components/schemas/Problem' })).toBe('Problem');
    expect(typeOf({})).toBe('any');
  });

  it('flattens nested objects and marks fields of one variant of a union', () => {
    const md = renderApiDocs({
      openapi: '3.1.0',
      info: { title: 'T', version: '1.0.0' },
      paths: {
        '/x': {
          get: {
            summary: 'Things',
            tags: ['Things'],
            security: [],
            responses: {
              200: {
                description: 'OK',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      required: ['entries'],
                      properties: {
                        entries: {
                          type: 'array',
                          items: {
                            oneOf: [
                              {
                                type: 'object',
                                required: ['kind', 'id'],
                                properties: { kind: { const: 'a' }, id: { type: 'string' }, only: { type: 'number' } },
                              },
                              { type: 'object', required: ['kind', 'id'], properties: { kind: { const: 'b' }, id: { type: 'string' } } },
                            ],
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(md).toContain('| `entries[].kind` | `"a" \\| "b"` | yes |');
    expect(md).toContain('| `entries[].id` | `string` | yes |');
    expect(md).toContain('| `entries[].only` | `number` | no | only when kind = "a" |');
  });
});
