import { ERROR_CODES } from '@tidbok/core';
import { ApiError } from '../errors.js';

/**
 * Renders `docs/api.md` from the OpenAPI document, so the reference in the repository is exactly
 * what the server validates and answers. `server/src/api-docs.test.ts` fails when the file is
 * stale; `npm run docs` rewrites it.
 *
 * @example
 * const doc = await (await app.request('/v1/openapi.json')).json();
 * writeFileSync('docs/api.md', renderApiDocs(doc));
 */

// The document is plain JSON; every node is read defensively.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: string;
  path: string;
  op: Json;
}

interface Row {
  field: string;
  type: string;
  required: boolean;
  notes: string[];
}

/** Markdown table cells: one line, pipes escaped (also inside code spans, as GFM requires). */
const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => (text === '' ? '' : `\`${text}\``);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function variants(schema: Json): Json[] | null {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? (list as Json[]) : null;
}

/** The schema without a `null` alternative, and whether there was one. */
function withoutNull(schema: Json): { schema: Json; nullable: boolean } {
  const list = variants(schema);
  if (list) {
    const rest = list.filter((v) => v.type !== 'null');
    if (rest.length < list.length) {
      return { schema: rest.length === 1 ? (rest[0] as Json) : { ...schema, anyOf: rest, oneOf: undefined }, nullable: true };
    }
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((t: string) => t !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

export function typeOf(schema: Json | undefined): string {
  if (!schema || typeof schema !== 'object') return 'any';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? 'any';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
  const list = variants(schema);
  if (list) return [...new Set(list.map((v) => typeOf(v)))].join(' | ');
  if (Array.isArray(schema.type)) return schema.type.map((t: string) => typeOf({ ...schema, type: t })).join(' | ');
  switch (schema.type) {
    case 'array': {
      const item = typeOf(schema.items);
      return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      if (!schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return `Record<string, ${typeOf(schema.additionalProperties)}>`;
      }
      return 'object';
    case 'string':
      return typeof schema.format === 'string' ? `string (${schema.format})` : 'string';
    case undefined:
      return 'any';
    default:
      return String(schema.type);
  }
}

const range = (min: unknown, max: unknown, unit: string) => {
  if (typeof min === 'number' && typeof max === 'number') return min === max ? `exactly ${min} ${unit}` : `${min}–${max} ${unit}`;
  if (typeof min === 'number') return `at least ${min} ${unit}`;
  if (typeof max === 'number') return `at most ${max} ${unit}`;
  return null;
};

function notesOf(schema: Json | undefined): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const { schema: s } = withoutNull(schema);
  const notes: string[] = [];
  if (typeof s.description === 'string') notes.push(s.description);
  const chars = range(s.minLength, s.maxLength, 'characters');
  if (chars) notes.push(chars);
  const items = range(s.minItems, s.maxItems, 'items');
  if (items) notes.push(items);
  if (typeof s.minimum === 'number') notes.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMinimum === 'number') notes.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.maximum === 'number') notes.push(`≤ ${s.maximum}`);
  if (typeof s.exclusiveMaximum === 'number') notes.push(`< ${s.exclusiveMaximum}`);
  // A format already says what the (long, generated) pattern would.
  if (typeof s.pattern === 'string' && typeof s.format !== 'string') notes.push(`matches ${code(s.pattern)}`);
  if ('default' in s) notes.push(`default ${code(JSON.stringify(s.default))}`);
  if (s.type === 'array' && s.items) {
    const inner = notesOf(s.items);
    if (inner.length > 0) notes.push(`each: ${inner.join(', ')}`);
  }
  return notes;
}

/** The object schemas a field leads into, for nested rows. */
function nestedObjects(schema: Json): { suffix: string; objects: Json[] } | null {
  const { schema: s } = withoutNull(schema);
  if (s.type === 'array' && s.items) {
    const inner = nestedObjects(s.items);
    return inner ? { suffix: `[]${inner.suffix}`, objects: inner.objects } : null;
  }
  if (s.type === 'object' && s.properties) return { suffix: '', objects: [s] };
  const list = variants(s);
  if (list && list.every((v) => v.type === 'object' && v.properties)) return { suffix: '', objects: list };
  return null;
}

/** The property that tells the variants of a union apart (a `const` in each), if any. */
function discriminator(objects: Json[]): string | null {
  const first = objects[0]?.properties ?? {};
  for (const name of Object.keys(first)) {
    if (objects.every((o) => o.properties?.[name] && 'const' in o.properties[name])) return name;
  }
  return null;
}

function fieldRows(objects: Json[], prefix: string, depth = 0): Row[] {
  if (objects.length === 1) return objectRows(objects[0] as Json, prefix, depth);
  // A union of objects: fields shared by every variant once, the others marked with their variant.
  const key = discriminator(objects);
  const perVariant = objects.map((o) => ({
    label: key ? `${key} = ${JSON.stringify(o.properties[key].const)}` : `variant ${objects.indexOf(o) + 1}`,
    rows: objectRows(o, prefix, depth),
  }));
  const order: string[] = [];
  const byField = new Map<string, { row: Row; labels: string[] }[]>();
  for (const { label, rows } of perVariant) {
    for (const row of rows) {
      const id = `${row.field}\u0000${row.type}`;
      if (!byField.has(id)) {
        byField.set(id, []);
        order.push(id);
      }
      byField.get(id)?.push({ row, labels: [label] });
    }
  }
  const out: Row[] = [];
  const discriminatorField = key ? `${prefix}${key}` : null;
  const emitted = new Set<string>();
  for (const id of order) {
    const entries = byField.get(id) ?? [];
    const first = entries[0]?.row;
    if (!first) continue;
    if (first.field === discriminatorField) {
      if (emitted.has(first.field)) continue;
      emitted.add(first.field);
      const values = objects.map((o) => JSON.stringify(o.properties[key as string].const));
      out.push({ ...first, type: values.join(' | '), notes: ['tells the variants apart'] });
      continue;
    }
    const labels = entries.flatMap((e) => e.labels);
    const everywhere = labels.length === perVariant.length;
    out.push({ ...first, required: first.required && everywhere, notes: everywhere ? first.notes : [...first.notes, `only when ${labels.join(' or ')}`] });
  }
  return out;
}

function objectRows(schema: Json, prefix: string, depth: number): Row[] {
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  const rows: Row[] = [];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    const field = `${prefix}${name}`;
    rows.push({ field, type: typeOf(property), required: required.has(name), notes: notesOf(property) });
    const nested = depth < 4 ? nestedObjects(property) : null;
    if (nested) rows.push(...fieldRows(nested.objects, `${field}${nested.suffix}.`, depth + 1));
  }
  return rows;
}

function rowsTable(rows: Row[], firstColumn: string): string[] {
  return [
    `| ${firstColumn} | type | required | notes |`,
    '|---|---|---|---|',
    ...rows.map((r) => `| ${code(cell(r.field))} | ${code(cell(r.type))} | ${r.required ? 'yes' : 'no'} | ${cell(r.notes.join('; '))} |`),
  ];
}

/** Rows for a body or response schema; a non-object schema gets a single line instead. */
function schemaLines(schema: Json): string[] {
  const nested = nestedObjects(schema);
  if (nested && nested.suffix === '') {
    const rows = fieldRows(nested.objects, '');
    return rows.length > 0 ? rowsTable(rows, 'field') : ['An empty object.'];
  }
  return [`A value of type ${code(cell(typeOf(schema)))}.`];
}

function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of Object.keys(item)) {
      if ((METHODS as readonly string[]).includes(method)) out.push({ method, path, op: item[method] as Json });
    }
  }
  return out;
}

function accessOf(op: Json): string {
  const requirements = (op.security ?? []) as Json[];
  if (requirements.length === 0) return 'public (no credentials)';
  return requirements
    .map((requirement) =>
      Object.entries(requirement)
        .map(([scheme, roles]) => {
          const list = Array.isArray(roles) && roles.length > 0 ? `, role ${roles.map((r) => code(String(r))).join(' or ')}` : '';
          return `${scheme} token${list}`;
        })
        .join(' and '),
    )
    .join(', or ');
}

function operationLines({ method, path, op }: Operation): string[] {
  const lines = [`### ${method.toUpperCase()} ${path}`, '', `${op.summary ?? ''}`.trim(), ''];
  lines.push(`- Access: ${accessOf(op)}`);
  const parameters = (op.parameters ?? []) as Json[];
  const pathParams = parameters.filter((p) => p.in === 'path');
  if (pathParams.length > 0) {
    const describe = (p: Json) =>
      typeof p.description === 'string' ? ` (${p.description.charAt(0).toLowerCase()}${p.description.slice(1).replace(/\.$/, '')})` : '';
    lines.push(`- Path: ${pathParams.map((p) => `${code(p.name)}${describe(p)}`).join(', ')}`);
  }
  for (const header of parameters.filter((p) => p.in === 'header')) {
    lines.push(`- Header ${code(header.name)}${header.required ? ' (required)' : ''}: ${header.description ?? ''}`.trimEnd());
  }
  lines.push('');

  const query = parameters.filter((p) => p.in === 'query');
  if (query.length > 0) {
    lines.push('Query parameters:', '');
    lines.push(
      ...rowsTable(
        query.map((p) => ({ field: p.name, type: typeOf(p.schema), required: p.required === true, notes: notesOf(p.schema) })),
        'parameter',
      ),
      '',
    );
  }

  const body = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
  if (body) {
    lines.push('Request body (`application/json`):', '', ...schemaLines(body), '');
  }

  lines.push('Responses:', '');
  for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
    if (status === 'default') continue;
    const content = Object.entries((response.content ?? {}) as Record<string, Json>)[0];
    const type = content ? ` (${code(content[0])})` : '';
    lines.push(`- **${status}** ${response.description ?? ''}${type}`.trimEnd());
  }
  lines.push('- Otherwise a [problem](#errors).', '');
  for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
    if (status === 'default') continue;
    const json = response.content?.['application/json']?.schema as Json | undefined;
    if (json) lines.push(`Response ${status} body:`, '', ...schemaLines(json), '');
  }
  return lines;
}

/** The whole reference as Markdown. Deterministic: the same document gives the same bytes. */
export function renderApiDocs(doc: Json): string {
  const ops = operations(doc);
  const tags: string[] = [];
  for (const { op } of ops) {
    const tag = String(op.tags?.[0] ?? 'Other');
    if (!tags.includes(tag)) tags.push(tag);
  }
  const lines: string[] = [
    '<!-- Generated from the OpenAPI document by `npm run docs` (server/src/http/api-docs.ts). Do not edit by hand. -->',
    '',
    `# ${doc.info?.title ?? 'API'} reference (version ${doc.info?.version ?? '?'})`,
    '',
    'Every endpoint the server answers, generated from the same schemas that validate requests.',
    'A running server also serves this as an OpenAPI 3.1 document at `GET /v1/openapi.json`.',
    '',
    '- Bodies are JSON with camelCase fields. Unknown fields are refused, not ignored.',
    '- Instants in responses are UTC (`2027-03-01T08:00:00Z`); requests may use any offset.',
    '- Dates (`YYYY-MM-DD`) and wall-clock times are read in the clinic’s time zone.',
    '- Money is in minor units (`priceCents: 95000` is 950.00) with a `currency`.',
    '- `:clinic` in a path is the clinic’s slug.',
    '',
    '## Contents',
    '',
    '- [Authentication](#authentication)',
    '- [Errors](#errors)',
    ...tags.map((tag) => `- [${tag}](#${anchor(tag)}) (${ops.filter((o) => (o.op.tags?.[0] ?? 'Other') === tag).length})`),
    '',
    '## Authentication',
    '',
    'Credentials go in `Authorization: Bearer <token>`. The kinds of token:',
    '',
  ];
  for (const [name, scheme] of Object.entries((doc.components?.securitySchemes ?? {}) as Record<string, Json>)) {
    lines.push(`- **${name}**: ${scheme.description ?? `${scheme.type} ${scheme.scheme ?? ''}`.trim()}`);
  }
  lines.push(
    '',
    'A route that names a role (for example `staff token, role admin`) refuses other roles with `403 forbidden`.',
    '',
    '## Errors',
    '',
    'Every error is `application/problem+json` (RFC 9457) and never carries a stack trace:',
    '',
  );
  const problem = doc.components?.schemas?.Problem as Json | undefined;
  if (problem) lines.push(...schemaLines(problem), '');
  lines.push('The `code` is stable; clients branch on it rather than on `title` or `detail`:', '', '| code | status | meaning |', '|---|---|---|');
  for (const errorCode of ERROR_CODES) {
    const error = new ApiError(errorCode);
    lines.push(`| ${code(errorCode)} | ${error.status} | ${cell(error.toProblem().title)} |`);
  }
  lines.push('');

  for (const tag of tags) {
    lines.push(`## ${tag}`, '');
    for (const operation of ops.filter((o) => (o.op.tags?.[0] ?? 'Other') === tag)) lines.push(...operationLines(operation));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
