import * as z from 'zod/mini';

/** Limits shared by every request body, so one place states what "too long" means. */
export const LIMITS = {
  name: 200,
  title: 200,
  text: 5000,
  email: 254,
  phone: 40,
  address: 500,
  query: 200,
  listPage: 500,
} as const;

export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'module_disabled',
  'not_found',
  'slot_unavailable',
  'conflict',
  'hold_expired',
  'idempotency_key_reused',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal_error',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.optional(z.string()),
  code: z.string(),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** Opaque id with a type prefix (`tt_…`, `pr_…`). Requests accept any short token; lookups decide. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'Not an id'));

/** An instant with an explicit offset (`Z` or `+01:00`). Responses always use UTC `Z`. */
export const InstantSchema = z.iso.datetime({ offset: true });
/** A local calendar date `YYYY-MM-DD`, read in the clinic's time zone. */
export const LocalDateSchema = z.iso.date();
/** A local wall-clock time `HH:mm`. */
export const LocalTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm'));
/** `from`/`to` query values: an instant or a local date. */
export const InstantOrDateSchema = z.union([LocalDateSchema, InstantSchema]);

export const NameSchema = z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(LIMITS.name));
export const TextSchema = z.string().check(z.maxLength(LIMITS.text));
export const EmailSchema = z.email().check(z.maxLength(LIMITS.email));
export const PhoneSchema = z.string().check(
  z.trim(),
  z.maxLength(LIMITS.phone),
  z.regex(/^\+?[0-9][0-9 ()-]{4,}$/, 'Expected a phone number'),
);
export const ColorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour #rrggbb'));
export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as SEK'));
export const LocaleSchema = z.enum(['sv', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const ConfirmationChannelSchema = z.enum(['email', 'sms', 'none']);
export type ConfirmationChannel = z.infer<typeof ConfirmationChannelSchema>;

export const DeletedResponseSchema = z.object({ deleted: z.number() });
export type DeletedResponse = z.infer<typeof DeletedResponseSchema>;
