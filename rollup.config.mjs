// The embed bundle, served under /embed/ (server/src/routes/static.ts): `tidbok.js`, the public
// elements with Lit, the SDK and core's schemas inlined, and its lazy chunks under `chunks/`. Built
// the way Lit's documentation builds a production bundle: Rollup, node-resolve, a minifier for
// the `html` and `css` templates, and terser; TypeScript through esbuild, one file at a time.
//
// `npx rollup -c` (part of `npm run build` and `npm start`). `TIDBOK_EMBED_DIR` writes the
// bundle into another folder than server/dist/embed (scripts/bundle-size.mjs --build, bench/,
// the browser tests).
//
// Two builds, in this order (scripts/rollup/staff-chunk.mjs says why):
// 1. the staff side, `chunks/admin-<hash>.js` (admin-entry.ts), whose lazy parts (the Settings
//    tab) are `chunks/admin-<name>-<hash>.js`: every staff file starts with `admin`;
// 2. the public side, `tidbok.js` (embed.ts), which imports the staff entry only with `import()`.
//    Its lazy parts are `chunks/<name>-<hash>.js`: "My bookings" and the texts of each language
//    (`chunks/sv-…`, `chunks/en-…`). What they share with `tidbok.js` stays in `tidbok.js`, which
//    exports it to them under short names (not an API).
// `tidbok.js` keeps its name (served with a short cache); the hashed chunks are cached for good.
// Budgets (scripts/bundle-size.mjs): the public booking flow ≤ 35 KB gzip, the staff calendar's
// first load ≤ 80 KB gzip.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultMinifyOptions } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import { staffChunk } from './scripts/rollup/staff-chunk.mjs';
import { texts } from './scripts/rollup/texts.mjs';

const dir = resolve(process.env.TIDBOK_EMBED_DIR || 'server/dist/embed');
const elements = resolve('packages/elements/src');

const plugins = () => [
  // The workspace packages from their TypeScript sources, as in the browser tests.
  nodeResolve({ exportConditions: ['@tidbok/source', 'browser'], extensions: ['.ts', '.mjs', '.js'] }),
  texts({ keysFile: `${elements}/messages/keys.ts`, sourceDir: elements, textsFile: /messages[\\/](sv|en)\.ts$/ }),
  // Lit's template minifier; attribute quotes go where HTML allows it (Lit reads either form).
  minifyTemplates({ failOnError: true, options: { minifyOptions: { ...defaultMinifyOptions, removeAttributeQuotes: true } } }),
  // tsconfig.json's decorator and class field settings, which Lit's reactive properties need.
  esbuild({ tsconfig: 'tsconfig.json', target: 'es2022' }),
  // Two minifiers over each chunk, as each finds bytes the other leaves (about 150 B gzip of the
  // public flow). terser's `unsafe`, `pure_getters` and `keep_fargs: false` assume what this code
  // and its dependencies keep to: no getter with side effects is read for them alone, no built-in
  // prototype is changed, no function's `length` is read.
  minify({ target: 'es2022', legalComments: 'none', charset: 'utf8' }),
  terser({
    module: true,
    ecma: 2020,
    compress: { passes: 2, unsafe: true, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, keep_fargs: false },
    format: { comments: false },
  }),
];

/** Rollup's notes about code in node_modules (zod's circular imports, a misplaced annotation) are not ours to act on. */
const onwarn = (warning, warn) => {
  if (!warning.ids?.every((id) => id.includes('node_modules')) && !warning.id?.includes('node_modules')) warn(warning);
};

const output = { dir, format: 'es', hashCharacters: 'base36' };
const link = staffChunk({ imports: /^\.\/(admin-entry|shared\/admin-client)\.js$/, importers: /[\\/]elements[\\/]src[\\/](embed|context)\.ts$/ });

export default [
  {
    input: { admin: `${elements}/admin-entry.ts` },
    onwarn,
    output: { ...output, entryFileNames: 'chunks/admin-[hash:8].js', chunkFileNames: 'chunks/admin-[name]-[hash:8].js' },
    // A fresh folder, so no file of an earlier build is served or measured.
    plugins: [{ name: 'clean', buildStart: () => rmSync(dir, { recursive: true, force: true }) }, ...plugins(), link.record],
  },
  {
    input: { tidbok: `${elements}/embed.ts` },
    onwarn,
    // Lets `tidbok.js` export what its lazy chunks take from it, instead of a second file for that.
    preserveEntrySignatures: 'allow-extension',
    output: { ...output, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash:8].js' },
    plugins: [link.link, ...plugins()],
  },
];
