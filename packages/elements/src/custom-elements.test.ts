import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// custom-elements.json is committed (package.json `customElements`, shipped in the package): a
// change to an element's JSDoc or properties must come with the regenerated file.
const pkg = fileURLToPath(new URL('..', import.meta.url));
const cem = join(dirname(createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
const out = mkdtempSync(join(tmpdir(), 'tidbok-cem-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The manifest as the analyzer writes it now (custom-elements-manifest.config.mjs). */
function generate(): unknown {
  // The analyzer writes to `outdir` joined to its working folder, so the folder is given relatively.
  const run = spawnSync(process.execPath, [cem, 'analyze', '--outdir', relative(pkg, out)], { cwd: pkg, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
}

type Manifest = { modules: { declarations: { name: string; tagName?: string; customElement?: boolean }[] }[] };

describe('custom-elements.json', () => {
  it('is what the analyzer generates from the sources today (npm run manifest -w @tidbok/elements)', () => {
    const committed: unknown = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8'));
    // Compared as data, not text: a formatter may lay the committed file out differently.
    expect(committed).toEqual(generate());
  });

  it('names the public and the staff elements by their tags (registered through define(), which the analyzer alone misses)', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as Manifest;
    const tags = manifest.modules.flatMap((m) => m.declarations.filter((d) => d.customElement).map((d) => d.tagName));
    expect(tags).toEqual(expect.arrayContaining(['tidbok-provider', 'tidbok-booking', 'tidbok-slot-picker', 'tidbok-booking-form']));
    expect(tags).toEqual(expect.arrayContaining(['tidbok-my-bookings', 'tidbok-admin', 'tidbok-calendar', 'tidbok-template-weeks', 'tidbok-admin-settings']));
    expect(tags.every((tag) => typeof tag === 'string' && tag.startsWith('tidbok-'))).toBe(true);
  });
});
