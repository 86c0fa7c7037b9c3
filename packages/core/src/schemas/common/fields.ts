import * as z from 'zod/mini';
import { LIMITS } from './limits.js';

/** Opaque id with a type prefix (`tt_…`, `pr_…`). Requests accept any short token; lookups decide. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'Not an id'));

/** A local wall-clock time `HH:mm`. */
export const LocalTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm'));

export const NameSchema = z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(LIMITS.name));

export const TextSchema = z.string().check(z.maxLength(LIMITS.text));

export const ColorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour #rrggbb'));

export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as SEK'));
