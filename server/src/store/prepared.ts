import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db, Trx } from './store.js';

/**
 * A Kysely query whose shape never changes, built and compiled once per database engine and then
 * run with new values. Building a query with Kysely (immutable nodes, cloned at every `where`)
 * and compiling it (a visitor over the tree) took about 40 µs of CPU a statement, more than
 * SQLite took to run most of them, and the busiest paths (hold, book) run some twenty statements.
 *
 *     const holdById = prepared((db, v: { id: string; clinicId: string }) =>
 *       db.selectFrom('holds').selectAll().where('id', '=', v.id).where('clinic_id', '=', v.clinicId));
 *     const { rows } = await holdById(trx, { id, clinicId });
 *
 * `build` is called once, with a placeholder in place of each value given to the first call, and
 * the compiled statement records where each placeholder went among the parameters (an insert's
 * `values(v)` works too: the placeholders have the same keys). A value that is an array (for
 * `in`) becomes an array of placeholders of its length, and each length gets a statement of its
 * own, as SQL needs (`in (?, ?)` is not `in (?, ?, ?)`). So `build` must use the values as they
 * are — no branching on them, no arithmetic — and every call must pass the same keys; anything
 * else is caught when it first compiles (a placeholder in the SQL text, or one that was computed
 * on) or when it runs (other keys, a value left undefined), never run wrongly.
 */
export function prepared<V extends object, R>(build: (db: Db | Trx, values: V) => Compilable<R>): PreparedQuery<V, R> {
  // Per engine: the SQL differs (`?` or `$1`). Kysely's adapter object is one per database and is
  // shared by its transactions. Within an engine, per list lengths ('' when there are no lists).
  const templates = new WeakMap<object, Map<string, Template>>();
  const compile = (db: Db | Trx, values: V): CompiledQuery<R> => {
    const engine = db.getExecutor().adapter;
    let byShape = templates.get(engine);
    if (!byShape) templates.set(engine, (byShape = new Map()));
    const shape = shapeOf(values);
    let template = byShape.get(shape);
    if (!template) {
      if (byShape.size >= MAX_SHAPES) byShape.delete(byShape.keys().next().value!);
      byShape.set(shape, (template = compileTemplate(db, build, values)));
    }
    if (Object.keys(values).length !== template.keys) throw new Error('prepared query: called with other keys than at first');
    const parameters = template.slots.map((slot) => {
      if (slot.name === undefined) return slot.constant;
      const named = (values as Record<string, unknown>)[slot.name];
      const value = slot.index === undefined ? named : (named as unknown[] | undefined)?.[slot.index];
      if (value === undefined) throw new Error(`prepared query: no value for "${slot.name}"`);
      return value;
    });
    return { sql: template.sql, query: template.query, queryId: template.queryId, parameters };
  };
  const run = (db: Db | Trx, values: V): Promise<QueryResult<R>> => {
    try {
      return db.executeQuery(compile(db, values));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return Object.assign(run, { compile });
}

/** A prepared query: run it with `(db, values)`, or `compile` it for `together`. */
export interface PreparedQuery<V, R> {
  (db: Db | Trx, values: V): Promise<QueryResult<R>>;
  compile(db: Db | Trx, values: V): CompiledQuery<R>;
}

type Results<T extends readonly CompiledQuery<unknown>[]> = { [K in keyof T]: T[K] extends CompiledQuery<infer R> ? QueryResult<R> : never };

/**
 * Runs statements on one connection, started together and in this order: inside a transaction
 * (`trx`) or on a connection of its own (`db`). On PostgreSQL they then share one round trip:
 * all are written at once and run one after another (store/corking-client.ts), where `await`ing
 * each in turn costs a round trip, and a write to the socket, apiece. A statement that fails
 * rejects the whole; inside a transaction the ones after it fail too (the transaction is then
 * aborted and rolled back), outside one they still run. On SQLite this is just running them
 * in turn. Results are as `db.executeQuery` gives them (no Kysely plugins are in use).
 */
export function together<const T extends readonly CompiledQuery<unknown>[]>(db: Db | Trx, queries: T): Promise<Results<T>> {
  return db.getExecutor().provideConnection((connection) => Promise.all(queries.map((query) => connection.executeQuery(query)))) as Promise<Results<T>>;
}

/** Statements kept per query and engine: one per distinct set of list lengths. */
const MAX_SHAPES = 32;

function shapeOf(values: object): string {
  let shape = '';
  for (const [name, value] of Object.entries(values)) if (Array.isArray(value)) shape += `${name}:${value.length};`;
  return shape;
}

/** The first row, or undefined: `executeTakeFirst` for a prepared query. */
export async function first<R>(result: Promise<QueryResult<R>>): Promise<R | undefined> {
  return (await result).rows[0];
}

const PLACEHOLDER = '\u0000tidbok-prepared:';

interface Template {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  /**
   * Per parameter: the name of the value that goes there (and its position, for a list), or a
   * constant the builder wrote.
   */
  slots: { name?: string; index?: number; constant?: unknown }[];
  /** How many values the first call had. */
  keys: number;
}

function compileTemplate<V extends object, R>(db: Db | Trx, build: (db: Db | Trx, values: V) => Compilable<R>, sample: V): Template {
  const names = Object.keys(sample);
  const placeholders = Object.fromEntries(
    Object.entries(sample).map(([name, value]) => [name, Array.isArray(value) ? value.map((_, i) => `${PLACEHOLDER}${name}[${i}]`) : `${PLACEHOLDER}${name}`]),
  ) as V;
  const compiled = build(db, placeholders).compile();
  if (compiled.sql.includes(PLACEHOLDER)) throw new Error(`prepared query: a value went into the SQL text: ${compiled.sql}`);
  const slots = compiled.parameters.map((parameter) => {
    if (typeof parameter === 'string' && parameter.startsWith(PLACEHOLDER)) {
      const [, name, index] = /^(.*?)(?:\[(\d+)\])?$/.exec(parameter.slice(PLACEHOLDER.length))!;
      return index === undefined ? { name } : { name, index: Number(index) };
    }
    if ((typeof parameter === 'string' && parameter.includes(PLACEHOLDER)) || Number.isNaN(parameter)) {
      throw new Error(`prepared query: the builder computed on a value; pass it in ready (${compiled.sql})`);
    }
    return { constant: parameter };
  });
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, slots, keys: names.length };
}
