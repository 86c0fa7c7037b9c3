/**
 * Size of the public embed bundle (`/embed/tidbok.js`), built from source the way the production
 * build does it (tsup.config.ts, entry `embed`): esbuild, bundle, minify, ESM, browser, es2022,
 * code splitting, `process.env.NODE_ENV` = "production", everything inlined; plus that entry's
 * template-squeezing esbuild plugin(s) and its `esbuildOptions` (no legal comments, UTF-8, chunk
 * names), read from tsup.config.ts itself so the two cannot drift apart. Its other plugins are not
 * run (the staff-chunk one writes into server/dist/embed); instead the staff side — what
 * embed.ts and context.ts `import()` from `./admin-entry.js` / `./shared/admin-client.js` — is
 * left external here, as production builds it as a bundle of its own, and measured apart.
 * `@tidbok/*` resolve to their sources, so the figure is the current code's.
 *
 * What counts (the budget's "whole booking flow"): `tidbok.js`, the chunks it imports statically
 * (recursively) and the chunks it can import lazily except the staff side, which a visitor's page
 * never loads — the same rule as scripts/bundle-size.mjs. Each file is compressed on its own, as
 * it is sent: gzip at node:zlib's default level 6, brotli at its default quality 11.
 * KB = 1024 bytes; budget 35 KB = 35,840 bytes gzip.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import type { BenchRow, BenchSuite } from './row.js';

export const EMBED_BUDGET_GZIP_BYTES = 35 * 1024;
const ENTRY_SOURCE = 'packages/elements/src/embed.ts';
const STAFF_SOURCE = 'packages/elements/src/admin-entry.ts';
/** The staff side as embed.ts and context.ts import it. */
const STAFF_IMPORT = /^\.\/(admin-entry|shared\/admin-client)\.js$/;

const root = process.cwd(); // scripts/bench.mjs runs the bench from the repository root

const workspaceSources: Plugin = {
  name: 'tidbok-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@tidbok\/[a-z-]+$/ }, (args) => ({
      path: join(root, 'packages', args.path.slice('@tidbok/'.length), 'src', 'index.ts'),
    }));
  },
};

/** Leaves the staff side out of the public bundle, as production does (see above). */
const staffExternal: Plugin = {
  name: 'tidbok-bench-staff-external',
  setup(b) {
    b.onResolve({ filter: STAFF_IMPORT }, ({ path, importer }) =>
      /packages[\\/]elements[\\/]src[\\/](embed|context)\.ts$/.test(importer) ? { path, external: true } : undefined,
    );
  },
};

interface TsupEmbed {
  esbuildPlugins?: Plugin[];
  esbuildOptions?: (options: BuildOptions, context: { format: string }) => void;
  splitting?: boolean;
}

/** The `embed` entry of tsup.config.ts, or why it could not be read. */
async function tsupEmbedOptions(): Promise<TsupEmbed | string> {
  const outfile = join(root, '.tmp', 'bench', 'tsup-config.mjs');
  try {
    await build({
      entryPoints: [join(root, 'tsup.config.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const loaded = (await import(pathToFileURL(outfile).href)) as { default: unknown };
    const configs = Array.isArray(loaded.default) ? loaded.default : [loaded.default];
    const embed = configs.find((c) => (c as { name?: string } | null)?.name === 'embed') as TsupEmbed | undefined;
    if (!embed) return 'tsup.config.ts has no entry named "embed"';
    // Only the plugins that rewrite sources (template squeezing): the others may write files.
    return { ...embed, esbuildPlugins: (embed.esbuildPlugins ?? []).filter((p) => /squeeze/.test(p.name)) };
  } catch (error) {
    return `tsup.config.ts could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizesOf = (bytes: Buffer): Sizes => ({ raw: bytes.length, gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length });
const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO: Sizes = { raw: 0, gzip: 0, brotli: 0 };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const triple = (s: Sizes) => `raw ${kb(s.raw)} · gzip ${kb(s.gzip)} (${s.gzip.toLocaleString('en-US')} B) · brotli ${kb(s.brotli)}`;

/** Builds the bundle into a temp folder and splits its files into the public flow and the staff side. */
async function measure(tsup: TsupEmbed | null) {
  const outdir = mkdtempSync(join(tmpdir(), 'tidbok-embed-'));
  try {
    const options: BuildOptions = {
      entryPoints: { tidbok: join(root, ENTRY_SOURCE) },
      outdir,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      splitting: tsup?.splitting ?? true,
      define: { 'process.env.NODE_ENV': '"production"' },
      metafile: true,
      write: true,
      logLevel: 'silent',
      plugins: [workspaceSources, staffExternal, ...(tsup?.esbuildPlugins ?? [])],
    };
    tsup?.esbuildOptions?.(options, { format: 'esm' });
    const result = await build(options);
    const staffOut = join(outdir, 'staff');
    const staffBuild = await build({
      ...options,
      entryPoints: { admin: join(root, STAFF_SOURCE) },
      entryNames: '[name]',
      outdir: staffOut,
      plugins: [workspaceSources, ...(tsup?.esbuildPlugins ?? [])],
    });
    let staff = ZERO;
    let staffFiles = 0;
    for (const path of Object.keys((staffBuild.metafile as Metafile).outputs)) {
      if (!path.endsWith('.js')) continue;
      staff = add(staff, sizesOf(readFileSync(join(root, path))));
      staffFiles++;
    }
    const meta = result.metafile as Metafile;
    const files = new Map<string, { sizes: Sizes; statics: string[]; dynamics: string[] }>();
    for (const [path, output] of Object.entries(meta.outputs)) {
      if (!path.endsWith('.js')) continue;
      const name = relative(outdir, join(root, path)).split('\\').join('/');
      const rel = (p: string) => relative(outdir, join(root, p)).split('\\').join('/');
      files.set(name, {
        sizes: sizesOf(readFileSync(join(root, path))),
        statics: output.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => rel(i.path)),
        dynamics: output.imports.filter((i) => i.kind === 'dynamic-import' && !i.external).map((i) => rel(i.path)),
      });
    }
    const entry = [...files.keys()].find((f) => posix.basename(f) === 'tidbok.js');
    if (!entry) throw new Error('the build wrote no tidbok.js');
    const closure = (from: string, into: Set<string>) => {
      if (into.has(from) || !files.has(from)) return;
      into.add(from);
      for (const s of files.get(from)!.statics) closure(s, into);
    };
    const flow = new Set<string>();
    const visit = (from: string) => {
      const before = new Set(flow);
      closure(from, flow);
      for (const f of flow) {
        if (before.has(f)) continue;
        for (const d of files.get(f)!.dynamics) visit(d);
      }
    };
    visit(entry);
    let public_ = ZERO;
    for (const name of flow) public_ = add(public_, files.get(name)!.sizes);
    return { entry: files.get(entry)!.sizes, publicFlow: public_, publicFiles: flow.size, staff, staffFiles };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export const embedSuite: BenchSuite = {
  id: 'embed',
  async run(): Promise<BenchRow[]> {
    const tsup = await tsupEmbedOptions();
    const note = typeof tsup === 'string' ? `; ${tsup}, built with the plain options` : '; options from tsup.config.ts';
    let m: Awaited<ReturnType<typeof measure>>;
    try {
      m = await measure(typeof tsup === 'string' ? null : tsup);
    } catch (error) {
      const first = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0];
      const why = first ? `${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}` : String(error);
      return [
        {
          name: `Embed bundle (${ENTRY_SOURCE})`,
          result: `does not build right now (being edited?): ${why} — run \`npm run bench -- embed\` again later`,
          budget: `≤ 35 KB gzip`,
          withinBudget: null,
        },
      ];
    }
    return [
      {
        name:
          `Embed bundle, public booking flow: tidbok.js + ${m.publicFiles - 1} chunk(s) it loads ` +
          `(esbuild minified es2022${note}; gzip level 6, brotli q11, each file alone; KB = 1024 B)`,
        result: `${triple(m.publicFlow)} (tidbok.js alone: gzip ${kb(m.entry.gzip)})`,
        budget: `≤ 35 KB (35,840 B) gzip`,
        withinBudget: m.publicFlow.gzip <= EMBED_BUDGET_GZIP_BYTES,
      },
      {
        name: `Embed bundle, staff side (${STAFF_SOURCE}, built apart, loaded only on staff pages; reference, ${m.staffFiles} file(s))`,
        result: triple(m.staff),
        budget: '',
        withinBudget: null,
      },
    ];
  },
};
