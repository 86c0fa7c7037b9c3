// The staff side of the embed bundle (`<tidbok-admin>`, `<tidbok-template-weeks>` and the staff
// SDK, packages/elements/src/admin-entry.ts) is a Rollup build of its own, with its own copy of
// Lit, zod and the SDK, rather than a lazy chunk of the public build. In one build, a module that
// both sides use is placed whole in `tidbok.js`, so every zod schema type, Lit helper or date
// function the staff side uses would be sent to every visitor of a clinic's website. The two
// copies meet only through the DOM, the context protocol (a global `Symbol.for` key) and
// `connect()`'s staff client, so nothing depends on sharing a module.
//
// The price is one link between the two builds: `tidbok.js` imports the staff bundle's entry by
// its hashed file name (`chunks/admin-<hash>.js`), which is known once the staff build has
// written it. `staffChunk()` gives the two halves of that link; rollup.config.mjs runs the staff
// build first (Rollup builds the configurations of an array one after another).

/**
 * @param {{ imports: RegExp, importers: RegExp }} options `imports`: the import specifiers that
 *   stand for the staff side; `importers`: the public modules whose such imports are linked (any
 *   other importer is left to Rollup).
 */
export function staffChunk({ imports, importers }) {
  /** The staff entry's file name in the output folder, once the staff build has generated it. */
  let fileName;
  return {
    /** For the staff build: notes the file name of its entry chunk. */
    record: {
      name: 'tidbok-staff-chunk-record',
      generateBundle(_options, bundle) {
        const entries = Object.values(bundle).filter((file) => file.type === 'chunk' && file.isEntry);
        if (entries.length !== 1) this.error(`the staff build has ${entries.length} entry chunks; one was expected`);
        fileName = entries[0].fileName;
      },
    },
    /**
     * For the public build: the staff imports become imports of that file, external to this
     * build, written as `./chunks/admin-<hash>.js` as they are (`external: 'absolute'`), which
     * is right for a chunk in `dir` itself, `tidbok.js`; a chunk elsewhere importing it is an error.
     */
    link: {
      name: 'tidbok-staff-chunk-link',
      resolveId(source, importer) {
        if (!importer || !imports.test(source) || !importers.test(importer)) return null;
        if (!fileName) this.error('the staff build has not run yet: it must come first in the configuration array');
        return { id: `./${fileName}`, external: 'absolute' };
      },
      generateBundle(_options, bundle) {
        for (const file of Object.values(bundle)) {
          const imported = file.type === 'chunk' && [...file.imports, ...file.dynamicImports].includes(`./${fileName}`);
          if (imported && file.fileName.includes('/')) this.error(`${file.fileName} imports the staff chunk but is not in the output folder itself`);
        }
      },
    },
  };
}
