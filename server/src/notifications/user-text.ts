/**
 * Text that a visitor typed (a client's name from the public form), made safe to put inside a
 * message written in the clinic's voice. Old rows may hold anything the schema once allowed
 * (200 characters, line breaks, controls), so this is applied when a message is made, whatever
 * is stored.
 */

/** Longest name put into a message; longer ones are cut with an ellipsis. */
export const NAME_IN_MESSAGE_MAX = 60;

// Line and paragraph breaks of every kind, other controls, and the invisible characters that
// reorder or hide text (bidi embeddings, overrides and isolates, zero-width marks).
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** One line: every break and control becomes a space, runs of space one, trimmed, capped. */
export function oneLine(text: string, max = NAME_IN_MESSAGE_MAX): string {
  const line = text.replace(BREAKS_AND_CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  // Cut on a code point boundary, so no half of a surrogate pair is left.
  return `${Array.from(line)
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * Letters, marks and the few signs names use between them (space, hyphen, apostrophe, a period
 * after an initial). No digits, no `:` `/` `@`, and no period inside a word: nothing that a mail
 * program would turn into a link or that reads as an instruction.
 */
const NAME_LIKE = /^[\p{L}\p{M}]+(?:(?:[ '’-]|\. )[\p{L}\p{M}]+)*\.?$/u;

/**
 * The name for a greeting ("Hej Klara!"), or '' when the stored name does not look like a name:
 * a greeting is the first line of the clinic's own message, so a "name" such as "Klara! Your
 * booking failed, pay at evil.example" is left out rather than shown there.
 */
export function greetingName(name: string): string {
  const line = oneLine(name);
  return line.length < NAME_IN_MESSAGE_MAX && NAME_LIKE.test(line) ? line : '';
}

/** A visitor's text where staff read it (a copy's subject): one line, capped, in quotes. */
export function quoted(text: string): string {
  return `“${oneLine(text).replace(/[“”"]/g, "'")}”`;
}
