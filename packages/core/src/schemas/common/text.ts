import * as z from 'zod/mini';

// What no typed text needs, and what does harm further on: C0 controls and DEL (SQLite stores
// NUL, PostgreSQL refuses it; ESC and BEL reach SMS gateways and terminals), C1 controls, and the
// Unicode direction overrides and isolates U+202A–U+202E and U+2066–U+2069, which make a text
// show in another order than it reads. Tab, LF and CR are left for multi-line text; a line also
// refuses them and the Unicode line and paragraph separators.
const CONTROLS = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const BREAKS = /[\t\n\r\u2028\u2029]/;

const noControls = z.refine<string>((s) => !CONTROLS.test(s), 'Control characters and text-direction overrides are not allowed');
const noBreaks = z.refine<string>((s) => !BREAKS.test(s), 'Must be one line (no line breaks or tabs)');

/** Multi-line text (notes, descriptions, addresses): line breaks and tabs kept, other controls refused. */
export const multiLine = (max: number) => z.string().check(z.maxLength(max), noControls);

/** One line (names, titles): trimmed, at most `max` characters, no line breaks, tabs or other controls. */
export const oneLine = (max: number) => z.string().check(z.trim(), z.maxLength(max), noBreaks, noControls, z.describe('one line'));
