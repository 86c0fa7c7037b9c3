import * as z from 'zod/mini';
import { LIMITS } from './limits.js';
import { multiLine, oneLine } from './text.js';

/** Opaque id with a type prefix (`tt_…`, `pr_…`). Requests accept any short token; lookups decide. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'Not an id'));

/** A local wall-clock time `HH:mm`. */
export const LocalTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm'));

/** The name of a thing (treatment, location, clinic, template week): one line, required. */
export const NameSchema = oneLine(LIMITS.name).check(z.minLength(1, 'Required'));

/**
 * A person's name (client, practitioner, staff): one short line, required. It opens the clinic's
 * messages, so it must not carry a second line or a paragraph of someone's text.
 */
export const PersonNameSchema = oneLine(LIMITS.personName).check(z.minLength(1, 'Required'));

/** A heading or title (activity, practitioner's title, receipt): one line. */
export const TitleSchema = oneLine(LIMITS.title);

/** Notes and descriptions: several lines allowed. */
export const TextSchema = multiLine(LIMITS.text);

export const ColorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour #rrggbb'));

export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as SEK'));
