import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffChunk } from './staff-chunk.mjs';

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidbok-rollup-staff-'));
  out = join(dir, 'out');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'admin-entry.js'), 'export const staff = "staff side";\n');
  writeFileSync(join(dir, 'src', 'embed.js'), 'export const loadAdmin = () => import("./admin-entry.js");\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one configuration the way the Rollup CLI does: build, then write. */
async function run(config: RollupOptions) {
  const bundle = await rollup({ ...config, onwarn: () => {} });
  await bundle.write(config.output as OutputOptions);
  await bundle.close();
}

const configs = (link: ReturnType<typeof staffChunk>) => {
  const output = { dir: out, format: 'es' as const, hashCharacters: 'base36' as const };
  return {
    staff: { input: { admin: join(dir, 'src', 'admin-entry.js') }, output: { ...output, entryFileNames: 'chunks/admin-[hash:8].js' }, plugins: [link.record] },
    public: { input: { tidbok: join(dir, 'src', 'embed.js') }, output: { ...output, entryFileNames: '[name].js' }, plugins: [link.link] },
  };
};

describe('the link between the staff and the public embed builds (scripts/rollup/staff-chunk.mjs)', () => {
  it('points tidbok.js’s import() at the staff build’s hashed entry, which exists', async () => {
    const link = staffChunk({ imports: /^\.\/admin-entry\.js$/, importers: /embed\.js$/ });
    const { staff, public: pub } = configs(link);
    await run(staff);
    await run(pub);
    const [name] = readdirSync(join(out, 'chunks'));
    expect(name).toMatch(/^admin-[a-z0-9]{8}\.js$/);
    const entry = readFileSync(join(out, 'tidbok.js'), 'utf8');
    expect(entry).toContain(`import('./chunks/${name}')`);
    // The staff module is not copied into the public build.
    expect(entry).not.toContain('staff side');
    expect(existsSync(join(out, 'chunks', name!))).toBe(true);
  });

  it('fails the public build when the staff build has not run first', async () => {
    const link = staffChunk({ imports: /^\.\/admin-entry\.js$/, importers: /embed\.js$/ });
    await expect(run(configs(link).public)).rejects.toThrow('the staff build has not run yet');
  });

  it('fails when a chunk outside the output folder itself would import the staff entry', async () => {
    // embed.js is now a lazy chunk under chunks/, where `./chunks/admin-….js` would name nothing.
    writeFileSync(join(dir, 'src', 'main.js'), 'export const load = () => import("./embed.js");\n');
    const link = staffChunk({ imports: /^\.\/admin-entry\.js$/, importers: /embed\.js$/ });
    const { staff, public: pub } = configs(link);
    await run(staff);
    const nested = { ...pub, input: { tidbok: join(dir, 'src', 'main.js') }, output: { ...pub.output, chunkFileNames: 'chunks/[name]-[hash:8].js' } };
    await expect(run(nested)).rejects.toThrow('imports the staff chunk but is not in the output folder itself');
  });
});
