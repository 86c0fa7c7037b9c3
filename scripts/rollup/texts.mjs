// The booking flow's texts in the embed bundle (rollup.config.mjs), in two steps Rollup does not
// take by itself:
//
// 1. `Msg` (packages/elements/src/messages/keys.ts) is a `const enum`: its members are the numbers
//    0, 1, 2, …, meant to be written as numbers wherever they are used. TypeScript inlines them
//    only when it compiles the whole program, and a bundler's per-file TypeScript step (esbuild
//    here, as in most Rollup setups) cannot see another file's enum, so it would ship the enum
//    as an object and every `Msg.chooseTime` by name. Here each `Msg.<member>` in the elements'
//    sources becomes its number before the TypeScript step.
// 2. Each language's texts (messages/sv.ts, en.ts) are an object keyed by those numbers; written
//    as an array (`["Bokningens steg","Uppgifter",…]`) they answer the same lookups
//    (`texts[Msg.steps]`) without a number before each text (about 200 B gzip per language).
//    Needs the keys to be exactly 0…n−1, which is checked.
import { readFile } from 'node:fs/promises';
import { build, transform } from 'esbuild';

/** Runs a module's JavaScript and gives its exports. */
const evaluate = (code) => import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

/** `Msg`'s members and their numbers, as the enum in `keysFile` defines them. */
export async function readKeys(keysFile) {
  const { code } = await transform(await readFile(keysFile, 'utf8'), { loader: 'ts', format: 'esm' });
  const { Msg } = await evaluate(code);
  if (!Msg) throw new Error(`${keysFile}: exports no Msg enum`);
  return new Map(Object.entries(Msg).filter(([, value]) => typeof value === 'number'));
}

/** `source` with each `Msg.<member>` written as its number; an unknown member is an error. */
export function inlineKeys(source, keys, file = 'source') {
  return source.replace(/\bMsg\.([A-Za-z_$][\w$]*)/g, (_, name) => {
    if (!keys.has(name)) throw new Error(`${file}: Msg.${name} is not a member of Msg`);
    return String(keys.get(name));
  });
}

/** One language's texts module (`export default {…}`), bundled and run, as an array module. */
export async function textsAsArray(file) {
  const { outputFiles } = await build({ entryPoints: [file], bundle: true, format: 'esm', write: false, logLevel: 'error' });
  const texts = (await evaluate(outputFiles[0].text)).default;
  if (Object.keys(texts).some((key, i) => key !== String(i))) throw new Error(`${file}: the keys are not 0…n−1 (messages/keys.ts)`);
  // Integer keys list in ascending order.
  return `export default ${JSON.stringify(Object.values(texts))};`;
}

/**
 * The Rollup plugin: `Msg` inlined in every file under `sourceDir` that imports it (before the
 * TypeScript step, so place it first), and the files matching `textsFile` loaded as arrays.
 */
export function texts({ keysFile, sourceDir, textsFile }) {
  let keys;
  return {
    name: 'tidbok-texts',
    async buildStart() {
      keys = await readKeys(keysFile);
      this.addWatchFile(keysFile);
    },
    async load(id) {
      return textsFile.test(id) ? { code: await textsAsArray(id), moduleSideEffects: false } : null;
    },
    transform(code, id) {
      if (!id.startsWith(sourceDir) || !id.endsWith('.ts') || !/\bimport\s*\{[^}]*\bMsg\b/.test(code)) return null;
      return { code: inlineKeys(code, keys, id), map: null };
    },
  };
}
