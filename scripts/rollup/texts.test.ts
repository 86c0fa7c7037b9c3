import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inlineKeys, readKeys, textsAsArray } from './texts.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidbok-rollup-texts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('the embed build’s texts step (scripts/rollup/texts.mjs)', () => {
  it('reads a const enum’s members and numbers', async () => {
    const keys = await readKeys(write('keys.ts', 'export const enum Msg {\n  first,\n  // a comment\n  second,\n  third,\n}\n'));
    expect([...keys]).toEqual([
      ['first', 0],
      ['second', 1],
      ['third', 2],
    ]);
  });

  it('writes each Msg member as its number, and refuses one that is not a member', () => {
    const keys = new Map([
      ['steps', 0],
      ['back', 1],
    ]);
    expect(inlineKeys('t(Msg.back) + texts[Msg.steps] + notMsg.back', keys)).toBe('t(1) + texts[0] + notMsg.back');
    expect(() => inlineKeys('t(Msg.gone)', keys, 'x.ts')).toThrow('x.ts: Msg.gone is not a member of Msg');
  });

  it('turns a texts module keyed 0…n−1 into an array module, and refuses gaps', async () => {
    write('keys.ts', 'export const enum Msg { a, b }\n');
    const good = write('sv.ts', "import { Msg } from './keys.js';\nexport default { [Msg.a]: 'A', [Msg.b]: 'B' } as const;\n");
    expect(await textsAsArray(good)).toBe('export default ["A","B"];');
    const gap = write('en.ts', "export default { 0: 'A', 2: 'C' };\n");
    await expect(textsAsArray(gap)).rejects.toThrow('the keys are not 0…n−1');
  });

  it('gives the project’s own texts one entry per key, in both languages', async () => {
    const src = join(process.cwd(), 'packages/elements/src/messages');
    const keys = await readKeys(join(src, 'keys.ts'));
    for (const language of ['sv', 'en']) {
      const module = await textsAsArray(join(src, `${language}.ts`));
      const texts = JSON.parse(module.slice('export default '.length, -1)) as string[];
      expect(texts).toHaveLength(keys.size);
      expect(texts.every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
    }
  });
});
