import { ContextConsumer } from '@lit/context';
import { tidbokContext } from '../context.js';
import { describeError } from '../shared/describe-error.js';
import { LoadController } from '../shared/load.js';
import { whoAmI } from '../shared/staff-role.js';

/**
 * What the lazily loaded client card and receipt chunks (client-card/define.ts,
 * receipt/define.ts) take from the calendar's first load, handed in when they are defined rather
 * than imported. A module that a lazy chunk and the first load both import is split by the
 * bundler into a file of its own, which costs the first load more than the chunk saves (its
 * budget: docs/design.md, Budgets; the same reason as entry-popup/review/define.ts). The chunks
 * import only modules that are split already (Lit, the theme, texts, formats, errors) and types.
 */
export const staffKit = { ContextConsumer, tidbokContext, LoadController, describeError, whoAmI };

export type StaffKit = typeof staffKit;
