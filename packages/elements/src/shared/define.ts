/**
 * Registers a custom element unless the tag is taken. Two copies of Tidbok on one page (the embed
 * script and a bundled `@tidbok/elements`, or the script tag twice) must not throw
 * `NotSupportedError`: the first definition wins and the page keeps working.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
