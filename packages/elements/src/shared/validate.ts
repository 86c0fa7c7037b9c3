/** Anything with a Standard Schema `~standard.validate`: every zod/mini schema in @tidbok/core. */
interface StandardSchema {
  '~standard': { validate: (value: unknown) => unknown };
}

/**
 * Whether `value` passes one of core's schemas, so the form checks exactly what the server will
 * (one source of truth) without importing zod itself. Asynchronous checks count as passing: the
 * server has the last word anyway.
 */
export function passes(schema: StandardSchema, value: unknown): boolean {
  const result = schema['~standard'].validate(value) as { issues?: unknown } | Promise<unknown>;
  return result instanceof Promise || !result.issues;
}
