/**
 * `custom-elements.json`, the package's Custom Elements Manifest, generated from the elements'
 * JSDoc (`@summary`, `@event`, `@csspart`, `@cssproperty`, `@slot`) and their `static properties`
 * by @custom-elements-manifest/analyzer: `npm run manifest -w @tidbok/elements`.
 * src/custom-elements.test.ts fails while the committed file differs from a fresh one.
 *
 * The elements register through a helper (`define('tidbok-booking', TidbokBooking)`, or a
 * tag → class object for the staff side), which the analyzer does not read as a registration, so
 * `tagsFromRegistrations` finds those calls and objects. `publicOnly` keeps what the package
 * exports (the elements, their events) without private members.
 */

/** Tag → class name, from `define('tidbok-x', Class)`, `registry.define(…)` and `{ 'tidbok-x': Class }`. */
const tags = new Map();

function tagsFromRegistrations() {
  return {
    name: 'tidbok-tags-from-registrations',
    analyzePhase({ ts, node }) {
      const isTag = (n) => n && ts.isStringLiteralLike(n) && n.text.startsWith('tidbok-');
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        const [tag, element] = node.arguments;
        if (name === 'define' && isTag(tag) && element && ts.isIdentifier(element)) tags.set(tag.text, element.text);
      } else if (ts.isPropertyAssignment(node) && isTag(node.name) && ts.isIdentifier(node.initializer)) {
        tags.set(node.name.text, node.initializer.text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const [tag, className] of tags) {
        for (const module of customElementsManifest.modules) {
          const declaration = module.declarations?.find((d) => d.kind === 'class' && d.name === className);
          if (!declaration) continue;
          // An element that extends a base class of ours (AdminBox) is one too.
          declaration.customElement = true;
          declaration.tagName ??= tag;
          module.exports ??= [];
          if (!module.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
            module.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: module.path } });
          }
        }
      }
    },
  };
}

/** The modules that are the package's entries (package.json `exports`): what they export is public. */
const ENTRIES = ['src/index.ts', 'src/admin/index.ts'];

const isPublicMember = (member) =>
  member.privacy !== 'private' &&
  member.privacy !== 'protected' &&
  !member.name.startsWith('#') &&
  !(member.static && ['styles', 'properties'].includes(member.name));

function publicOnly() {
  return {
    name: 'tidbok-public-only',
    packageLinkPhase({ customElementsManifest }) {
      const exported = new Set(
        customElementsManifest.modules
          .filter((module) => ENTRIES.includes(module.path))
          .flatMap((module) => (module.exports ?? []).map((e) => e.declaration?.name ?? e.name)),
      );
      customElementsManifest.modules = customElementsManifest.modules
        .filter((module) => !ENTRIES.includes(module.path))
        .map((module) => {
          const declarations = (module.declarations ?? []).filter((d) => d.kind === 'class' && exported.has(d.name));
          const names = new Set(declarations.map((d) => d.name));
          for (const d of declarations) {
            if (d.members) d.members = d.members.filter(isPublicMember);
            if (d.attributes) d.attributes = d.attributes.filter((a) => !a.fieldName || d.members?.some((m) => m.name === a.fieldName));
            // An event the analyzer saw dispatched (`new TidbokXEvent(…)`) without a name is named in the JSDoc.
            if (d.events) d.events = d.events.filter((e) => e.name);
            for (const key of ['attributes', 'events', 'members']) if (d[key]?.length === 0) delete d[key];
          }
          const exports = (module.exports ?? []).filter((e) => names.has(e.declaration?.name));
          return { ...module, declarations, exports };
        })
        .filter((module) => module.declarations.length > 0)
        // Written in a fixed order, whatever order the file system lists the sources in.
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/test-support.ts', 'src/embed.ts', 'src/admin-entry.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [tagsFromRegistrations(), publicOnly()],
};
