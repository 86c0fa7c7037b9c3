import { defineAdminElements } from './index.js';

/**
 * Registers every staff element under its `tidbok-*` tag (skipping tags already defined), the
 * staff side's counterpart of `define.ts`. Importing this module is the side effect:
 * `import '@tidbok/elements/admin/define'`.
 */
defineAdminElements();
