/**
 * Size of the public embed bundle (`/embed/tidbok.js`) as production builds it: `npx rollup -c`
 * (rollup.config.mjs: the staff build, then the public one), written into a temp folder
 * (`TIDBOK_EMBED_DIR`) so server/dist/embed is left alone, and counted by `measureEmbed()` of
 * scripts/bundle-size.mjs. One build and one count, so this row and
 * `node scripts/bundle-size.mjs --build` always give the same figures.
 *
 * What counts (the budget's "whole booking flow"): `tidbok.js`, the chunks it imports statically
 * and the lazy chunks of the public flow, of the texts chunks (one per language) only the largest,
 * since a page loads one; not the staff side, which a visitor's page never loads,
 * nor the optional chunks ("My bookings"), which booking a time does not load. Both get reference
 * rows of their own. Each file is compressed on its own, as it is sent: gzip at node:zlib's
 * default level 6, brotli at its default quality 11. KB = 1024 bytes; budget 35 KB = 35,840 bytes gzip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './row.js';

const root = process.cwd(); // scripts/bench.mjs runs the bench from the repository root

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** What `measureEmbed()` returns, the parts read here (scripts/bundle-size.mjs). */
interface EmbedSizes {
  files: (Sizes & { file: string; loadedBy: string; counted: boolean })[];
  flow: Sizes;
  optional: (Sizes & { name: string; when: string; files: string[] })[];
  staff: Sizes;
  budgetGzip: number;
  staffFirst: Sizes;
  staffSettings: Sizes;
  staffBudgetGzip: number;
  broken: string[];
}

/**
 * scripts/bundle-size.mjs, loaded from its own file at run time rather than bundled into the
 * bench (scripts/bench.mjs): it finds the repository and tells whether it was run as a script
 * from its own `import.meta.url`.
 */
async function loadMeasureEmbed(): Promise<(dir: string) => EmbedSizes> {
  const url = pathToFileURL(join(root, 'scripts', 'bundle-size.mjs')).href;
  return ((await import(url)) as { measureEmbed: (dir: string) => EmbedSizes }).measureEmbed;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const triple = (s: Sizes) => `raw ${kb(s.raw)} · gzip ${kb(s.gzip)} (${s.gzip.toLocaleString('en-US')} B) · brotli ${kb(s.brotli)}`;

/** Builds the bundle into `dir`; the build's first error when it fails. */
function build(dir: string): string | undefined {
  const result = spawnSync('npx', ['--no-install', 'rollup', '-c', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TIDBOK_EMBED_DIR: dir },
  });
  if (result.status === 0) return undefined;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  // Rollup marks its error line with `[!]`.
  return (output.split('\n').find((line) => line.includes('[!]')) ?? output.trim().split('\n')[0] ?? `exit ${result.status}`).trim();
}

export const embedSuite: BenchSuite = {
  id: 'embed',
  async run(): Promise<BenchRow[]> {
    const measureEmbed = await loadMeasureEmbed();
    const dir = mkdtempSync(join(tmpdir(), 'tidbok-embed-'));
    try {
      const failure = build(dir);
      if (failure) {
        return [
          {
            name: 'Embed bundle (npx rollup -c)',
            result: `does not build right now (being edited?): ${failure} — run \`npm run bench -- embed\` again later`,
            budget: '≤ 35 KB gzip',
            withinBudget: null,
          },
        ];
      }
      const m = measureEmbed(dir);
      // A chunk path that names no file would only fail in a browser.
      if (m.broken.length > 0) throw new Error(`the built bundle imports missing files: ${m.broken.join(', ')}`);
      const entry = m.files.find((f) => f.file === 'tidbok.js')!;
      const counted = m.files.filter((f) => f.counted).length;
      const staffFiles = m.files.filter((f) => f.loadedBy.startsWith('staff')).length;
      return [
        {
          name:
            `Embed bundle, public booking flow: tidbok.js + ${counted - 1} chunk(s) it loads ` +
            '(npx rollup -c, counted by scripts/bundle-size.mjs; gzip level 6, brotli q11, each file alone; KB = 1024 B)',
          result: `${triple(m.flow)} (tidbok.js alone: gzip ${kb(entry.gzip)})`,
          budget: `≤ 35 KB (${m.budgetGzip.toLocaleString('en-US')} B) gzip`,
          withinBudget: m.flow.gzip <= m.budgetGzip,
        },
        ...m.optional
          .filter((o) => o.raw > 0)
          .map((o) => ({
            name: `Embed bundle, + ${o.name} (lazy, not counted: only for ${o.when}; reference, ${o.files.length} file(s))`,
            result: triple(o),
            budget: '',
            withinBudget: null,
          })),
        {
          name: 'Embed bundle, staff calendar first load (chunks/admin-*, built apart, loaded only on staff pages, before Settings is opened)',
          result: triple(m.staffFirst),
          budget: `≤ 80 KB (${m.staffBudgetGzip.toLocaleString('en-US')} B) gzip`,
          withinBudget: m.staffFirst.gzip <= m.staffBudgetGzip,
        },
        {
          name: `Embed bundle, staff side in all, with the Settings tab's chunk (reference, ${staffFiles} file(s))`,
          result: triple(m.staff),
          budget: '',
          withinBudget: null,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
