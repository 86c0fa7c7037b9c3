import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build as esbuild, type Plugin as EsbuildPlugin, transformSync } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { minify } from 'terser';

type TsupPlugin = NonNullable<Options['plugins']>[number];

/**
 * One build for the whole workspace. `TIDBOK_BUILD=server` builds only what `npm start` runs
 * (the server and the embed bundle), skipping the slower declaration files; `TIDBOK_BUILD=embed`
 * only the embed bundle (scripts/bundle-size.mjs --build), `TIDBOK_BUILD=libraries` only the three
 * packages (scripts/packages.test.ts). `TIDBOK_EMBED_DIR` builds the embed
 * bundle into another folder than server/dist/embed (bench/embed.ts, into a temp folder).
 */
const only = process.env.TIDBOK_BUILD;

const dependenciesOf = (name: string): string[] =>
  Object.keys(JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8')).dependencies ?? {});

/** Packages whose only build is ESM; bundled so the CommonJS build works on Node 20.11 too. */
const ESM_ONLY = new Set(['ky']);

/**
 * Where the libraries are built: `packages/<name>/dist`, or `<TIDBOK_LIBRARY_DIR>/<name>/dist`
 * (scripts/packages.test.ts builds into a copy of the packages in a temp folder, so that it
 * never races a build in the working tree).
 */
const LIBRARY_DIR = process.env.TIDBOK_LIBRARY_DIR || 'packages';

const library = (name: string): Options => ({
  name,
  entry: { index: `packages/${name}/src/index.ts` },
  outDir: `${LIBRARY_DIR}/${name}/dist`,
  format: ['esm', 'cjs'],
  // Declarations are built from the sources of sibling packages, so no build order is needed,
  // while the emitted .d.ts still import them by package name.
  dts: {
    compilerOptions: {
      paths: {
        '@tidbok/core': ['packages/core/src/index.ts'],
        '@tidbok/sdk': ['packages/sdk/src/index.ts'],
      },
    },
  },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // A library's own dependencies stay imports (one zod per app), except ESM-only ones.
  external: [/^@tidbok\//, ...dependenciesOf(name).filter((d) => !ESM_ONLY.has(d)).flatMap((d) => [d, new RegExp(`^${d}/`)])],
  noExternal: [...ESM_ONLY],
});

const server: Options = {
  name: 'server',
  entry: { main: 'server/src/main.ts', cli: 'server/src/cli.ts' },
  outDir: 'server/dist',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // The workspace packages are bundled in; npm dependencies stay external.
  noExternal: [/^@tidbok\//],
  external: [/^(?!@tidbok\/)[^./]/],
  banner: { js: "import { createRequire as __tidbokRequire } from 'node:module'; const require = __tidbokRequire(import.meta.url);" },
};

/**
 * @tidbok/elements for bundlers: ESM only (Lit is ESM only), Lit and the SDK left as imports.
 * One entry per subpath of its package.json `exports`: the public elements and `define` (which
 * registers them), the staff elements and `admin/define`.
 */
const elements: Options = {
  ...library('elements'),
  entry: {
    index: 'packages/elements/src/index.ts',
    define: 'packages/elements/src/define.ts',
    'admin/index': 'packages/elements/src/admin/index.ts',
    'admin/define': 'packages/elements/src/admin/define.ts',
  },
  format: ['esm'],
};

/**
 * Shrinks the elements' `html` and `css` templates, which esbuild's minifier leaves as written:
 * each `css` template goes through esbuild's CSS minifier (the elements' styles have no `${}`
 * interpolations; one that had would only lose its whitespace), and indentation goes from every
 * line (HTML collapses whitespace anyway). The elements write no `<pre>` or `white-space: pre`
 * content into template text, which is what would make this unsafe.
 */
function squeezeTemplates(source: string, path: string): string {
  return source
    .replace(/\bcss`([^`]*)`/g, (_, body: string) => {
      if (body.includes('${')) return `css\`${body.replace(/\s*\n\s*/g, '').replace(/\s*([{};,])\s*/g, '$1')}\``;
      // The template's text as Lit gets it (escapes applied), minified, and written back as a template.
      const text = new Function(`return \`${body}\`;`)() as string;
      const { code } = transformSync(text, { loader: 'css', minify: true, sourcefile: path, logLevel: 'error' });
      return `css\`${code.trim().replace(/[\\`]|\$\{/g, (c) => `\\${c}`)}\``;
    })
    .replace(/\n[ \t]+/g, '\n');
}

/** The elements' sources with their templates squeezed (see `squeezeTemplates`). */
const squeezedSources: EsbuildPlugin = {
  name: 'tidbok-squeeze-templates',
  setup(build) {
    build.onLoad({ filter: /packages[\\/]elements[\\/]src[\\/].*\.ts$/ }, async ({ path }) => ({
      contents: squeezeTemplates(await readFile(path, 'utf8'), path),
      loader: 'ts',
    }));
  },
};

/**
 * Writes each language's texts of the public flow (packages/elements/src/messages/sv.ts, en.ts)
 * as an array: the source is an object keyed by `Msg` (messages/keys.ts), a `const enum` whose
 * members are 0, 1, 2, …, so `["Bokningens steg","Uppgifter",…]` answers the same lookups
 * (`texts[Msg.steps]`) without a number before each text (measured: 200 B gzip less per
 * language chunk). The module is built and evaluated here; its keys must be exactly 0…n−1.
 */
const textsAsArrays: EsbuildPlugin = {
  name: 'tidbok-texts-as-arrays',
  setup(build) {
    build.onLoad({ filter: /packages[\\/]elements[\\/]src[\\/]messages[\\/](sv|en)\.ts$/ }, async ({ path }) => {
      const { outputFiles } = await esbuild({ entryPoints: [path], bundle: true, format: 'esm', write: false, logLevel: 'error' });
      const source = `data:text/javascript;base64,${Buffer.from(outputFiles[0]!.text).toString('base64')}`;
      const texts = ((await import(source)) as { default: Record<string, string> }).default;
      if (Object.keys(texts).some((key, i) => key !== String(i))) throw new Error(`${path}: the keys are not 0…n−1 (messages/keys.ts)`);
      // Integer keys list in ascending order.
      return { contents: `export default ${JSON.stringify(Object.values(texts))};`, loader: 'js' };
    });
  },
};

const EMBED_DIR = process.env.TIDBOK_EMBED_DIR || 'server/dist/embed';
const browserBundle = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
} as const;

/**
 * The staff side of the embed (`<tidbok-admin>`, `<tidbok-template-weeks>` and the staff SDK,
 * from packages/elements/src/admin-entry.ts) as a bundle of its own, `chunks/admin-[hash].js`,
 * which `tidbok.js` imports with `import()` only on a page that uses it (embed.ts) or when given a
 * staff token (`connect()` in context.ts). It is built apart from `tidbok.js`, with its own copy of
 * Lit, ky, zod and the SDK, rather than as a chunk of the same esbuild build: esbuild places a
 * module shared by two entry points in a shared chunk *whole*, so every zod schema type, Lit
 * decorator or time helper the staff side uses would land in a chunk that `tidbok.js` loads
 * (measured: about 3 KB gzip of staff-only code and a second request in the booking flow). The
 * two copies meet only through the DOM, the context protocol (`tidbokContext` is a global
 * `Symbol.for` key) and `connect()`'s staff client, so nothing depends on sharing a module.
 */
const staffChunk: EsbuildPlugin = {
  name: 'tidbok-staff-chunk',
  setup(build) {
    let chunk: Promise<string> | undefined;
    build.onStart(() => {
      chunk = esbuild({
        ...browserBundle,
        entryPoints: { admin: 'packages/elements/src/admin-entry.ts' },
        outdir: EMBED_DIR,
        entryNames: 'chunks/[name]-[hash]',
        // The Settings tab's elements are imported lazily (admin-settings/define.ts): split, so
        // the calendar's first load stays small. Every file is `chunks/admin-…`: staff-only.
        splitting: true,
        chunkNames: 'chunks/admin-[name]-[hash]',
        plugins: [squeezedSources],
        metafile: true,
        logLevel: 'warning',
      }).then(({ metafile }) => {
        const [entry] = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint)!;
        return relative(EMBED_DIR, entry).split('\\').join('/');
      });
      // Reported by the import that waits for it below.
      chunk.catch(() => undefined);
    });
    build.onResolve({ filter: /^\.\/(admin-entry|shared\/admin-client)\.js$/ }, async ({ importer }) => {
      if (!/packages[\\/]elements[\\/]src[\\/](embed|context)\.ts$/.test(importer)) return undefined;
      // esbuild writes an external path as is, here relative to EMBED_DIR (where tidbok.js is);
      // `staffChunkPaths` fixes it in an output file elsewhere (a shared chunk under chunks/).
      return { path: `./${await chunk!}`, external: true };
    });
  },
};

/**
 * Makes the staff chunk's path relative to each output file that imports it. The rewrite is
 * fixed by the file's own content, which names the staff chunk with its hash, so a hashed file
 * name still stands for one content (and a new staff chunk still means new names).
 */
const staffChunkPaths: TsupPlugin = {
  name: 'tidbok-staff-chunk-paths',
  renderChunk(code, { path }) {
    const from = dirname(path);
    if (relative(EMBED_DIR, from) === '') return undefined;
    return {
      code: code.replace(/(["'])\.\/(chunks\/admin-[A-Z0-9]+\.js)\1/g, (_, quote: string, file: string) => {
        const target = relative(from, join(EMBED_DIR, file)).split('\\').join('/');
        return `${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
      }),
    };
  },
};

/**
 * Merges the chunks that `tidbok.js` imports statically back into `tidbok.js`, so the booking
 * flow is one file. esbuild's code splitting (a lazily imported part of the public elements,
 * e.g. "My bookings") moves everything the lazy part shares with `tidbok.js` into a shared
 * chunk: a second request before anything renders, two files gzipped apart, and a list of
 * cross-chunk imports (measured: 1.6 KB gzip more than one file). After the merge, `tidbok.js`
 * also exports what the lazy chunks used from the shared chunk (under the same names) and the lazy
 * chunks import it from `../tidbok.js`, the module the page already loaded.
 *
 * Cache safety: a lazy chunk keeps its name, and its new text follows from its old one (the
 * shared chunk's export names are kept), so one name still stands for one content. A page that
 * loads `tidbok.js` under another URL (say with `?v=2`) would get a second copy of it when a
 * lazy chunk loads: that still works (the elements meet through the DOM), it only costs bytes.
 */
const mergeEntryChunks: TsupPlugin = {
  name: 'tidbok-merge-entry-chunks',
  async buildEnd() {
    const dir = resolve(EMBED_DIR);
    const entry = join(dir, 'tidbok.js');
    const files = existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')).map((name) => join(dir, 'chunks', name)) : [];
    const staticImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => resolve(dirname(file), m[1]!));
    // The shared chunks: what tidbok.js imports statically, recursively.
    const merged = new Set<string>();
    const visit = (file: string) => {
      for (const target of staticImports(file)) {
        if (merged.has(target)) continue;
        merged.add(target);
        visit(target);
      }
    };
    visit(entry);
    if (merged.size === 0) return;
    // What the other chunks take from them, and under which name tidbok.js will export it.
    const exportNames = new Map<string, Map<string, string>>(); // shared chunk → its name → tidbok.js's name
    // tidbok.js's own exports (`loadAdmin`) keep their names; a shared chunk's name that collides is renamed.
    const own = [...readFileSync(entry, 'utf8').matchAll(/\bexport\s*\{([^}]*)\}(?!\s*from)/g)].flatMap(([, list]) =>
      list!.split(',').map((item) => item.trim().split(/\s+as\s+/).at(-1)!),
    );
    const taken = new Set<string>(own);
    const lazy = files.filter((file) => !merged.has(file));
    const importList = /\b(import|export)\s*\{([^}]*)\}\s*from\s*"(\.{1,2}\/[^"]+)"/g;
    for (const file of lazy) {
      for (const [, , list, spec] of readFileSync(file, 'utf8').matchAll(importList)) {
        const from = resolve(dirname(file), spec!);
        if (!merged.has(from)) continue;
        const names = exportNames.get(from) ?? new Map<string, string>();
        exportNames.set(from, names);
        for (const item of list!.split(',')) {
          const name = item.trim().split(/\s+as\s+/)[0]!;
          if (!names.has(name)) {
            let exported = name;
            for (let i = 2; taken.has(exported); i++) exported = `${name}$${i}`;
            taken.add(exported);
            names.set(name, exported);
          }
        }
      }
    }
    const stdin = [
      `export * from ${JSON.stringify(entry)};`,
      ...[...exportNames].map(([file, names]) => `export { ${[...names].map(([n, e]) => (n === e ? n : `${n} as ${e}`)).join(', ')} } from ${JSON.stringify(file)};`),
    ].join('\n');
    const { outputFiles } = await esbuild({
      ...browserBundle,
      stdin: { contents: stdin, resolveDir: dir, loader: 'js' },
      write: false,
      outdir: dir,
      plugins: [
        {
          // Any other file of the bundle (a lazy chunk, the staff chunk) stays a file of its own,
          // now imported from tidbok.js's folder.
          name: 'other-chunks',
          setup(b) {
            b.onResolve({ filter: /^\.{1,2}\// }, ({ path, resolveDir }) => {
              const target = resolve(resolveDir, path);
              if (target === entry || merged.has(target)) return undefined;
              return { path: `./${relative(dir, target).split('\\').join('/')}`, external: true };
            });
          },
        },
      ],
    });
    if (!outputFiles?.[0]) throw new Error('mergeEntryChunks: no output');
    writeFileSync(entry, outputFiles[0].contents);
    for (const file of merged) rmSync(file);
    for (const file of lazy) {
      const code = readFileSync(file, 'utf8');
      const next = code
        .replace(importList, (statement, keyword: string, list: string, spec: string) => {
          const names = exportNames.get(resolve(dirname(file), spec));
          if (!names) return statement;
          const items = list.split(',').map((item) => {
            const [name, local = name] = item.trim().split(/\s+as\s+/) as [string, string?];
            const exported = names.get(name)!;
            return exported === local ? exported : `${exported} as ${local}`;
          });
          return `${keyword}{${items.join(',')}}from"${relative(dirname(file), entry).split('\\').join('/')}"`;
        })
        // A bare `import "./chunk.js"` of a merged chunk: tidbok.js is loaded already.
        .replace(/\bimport\s*"(\.{1,2}\/[^"]+)";?/g, (statement, spec: string) => (merged.has(resolve(dirname(file), spec)) ? '' : statement));
      if (next !== code) writeFileSync(file, next);
    }
  },
};

/**
 * A second minifier over the public files of the embed (`tidbok.js` and its lazy chunks, the
 * texts of each language among them), after esbuild's and after `mergeEntryChunks`: terser's
 * compressor goes further (two passes over the whole module: inlining, dead branches, shorter
 * expressions), about 700 B gzip of the 35 KB budget. Names a lazy chunk imports from
 * `tidbok.js` are exports, which terser keeps. The staff chunk, built apart and not in the
 * budget, stays as esbuild wrote it.
 */
const terserPass: TsupPlugin = {
  name: 'tidbok-terser',
  async buildEnd() {
    const dir = resolve(EMBED_DIR);
    const chunks = existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')) : [];
    const publicFiles = [
      join(dir, 'tidbok.js'),
      ...chunks.filter((name) => name.endsWith('.js') && !name.startsWith('admin')).map((name) => join(dir, 'chunks', name)),
    ];
    for (const file of publicFiles) {
      const { code } = await minify(readFileSync(file, 'utf8'), {
        module: true,
        ecma: 2020,
        compress: { passes: 2 },
        format: { comments: false },
      });
      if (!code) throw new Error(`terser gave nothing for ${file}`);
      writeFileSync(file, code);
    }
  },
};

/**
 * The browser bundle served at /embed/tidbok.js: the public elements with everything inlined
 * (Lit, @lit/context, ky, zod/mini, the SDK and core's schemas), minified. It is an ES module
 * built with code splitting: a lazily imported part of the public elements ("My bookings"; the
 * booking flow's texts, a chunk per language, `chunks/sv-[hash].js` and `chunks/en-[hash].js`,
 * written as arrays by `textsAsArrays`) becomes `chunks/[name]-[hash].js`, and what it shares
 * with `tidbok.js` goes back into `tidbok.js` (`mergeEntryChunks`); the staff side is a bundle of
 * its own (`staffChunk`).
 * `tidbok.js` keeps its name and is served with a short cache; the hashed chunks are cached for
 * good (server/src/routes/static.ts). Budget for the public booking flow: 35 KB gzip (DESIGN.md,
 * Budgets); `node scripts/bundle-size.mjs --build` measures it.
 */
const embed: Options = {
  name: 'embed',
  entry: { tidbok: 'packages/elements/src/embed.ts' },
  outDir: EMBED_DIR,
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  minify: true,
  splitting: true,
  clean: true,
  noExternal: [/./],
  // textsAsArrays first: the first plugin that loads a file wins.
  esbuildPlugins: [staffChunk, textsAsArrays, squeezedSources],
  plugins: [staffChunkPaths, mergeEntryChunks, terserPass],
  esbuildOptions: (options) => {
    options.legalComments = 'none';
    options.charset = 'utf8';
    options.entryNames = '[name]';
    options.chunkNames = 'chunks/[name]-[hash]';
  },
};

const libraries = [library('core'), library('sdk'), elements];
const all = [...libraries, server, embed];
export default defineConfig(only === 'server' ? [server, embed] : only === 'embed' ? [embed] : only === 'libraries' ? libraries : all);
