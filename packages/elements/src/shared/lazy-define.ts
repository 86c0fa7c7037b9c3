/**
 * Loads the module that defines some custom elements only once one of their tags is in the page.
 * Until then the tags stay undefined elements (an `HTMLElement` with whatever attributes and
 * properties the page set); when `load()` has defined them, the browser upgrades every instance
 * in place, and Lit picks up the properties set before (e.g. a `token` set as a property).
 *
 * Watches the document, including elements the page adds later (a tab opened, a view rendered
 * by a framework). Elements inside another component's shadow root are not seen: call the
 * returned function to load at once (it is also what the watcher calls; safe to call again).
 *
 * A failed load (offline, a deploy that removed the chunk) is reported on the console, not thrown
 * to the page, and tried again when another of the tags appears or the function is called.
 */
export function defineLazily(tags: readonly string[], load: () => Promise<unknown>): () => Promise<void> {
  const selector = tags.join(',');
  let loading: Promise<void> | undefined;
  let observer: MutationObserver | undefined;

  const watch = () => {
    observer ??= new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element && (tags.includes(node.localName) || (node.firstElementChild && node.querySelector(selector)))) {
            void start();
            return;
          }
        }
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  };

  const start = (): Promise<void> => {
    observer?.disconnect();
    return (loading ??= load().then(
      () => undefined,
      (error: unknown) => {
        loading = undefined;
        console.error(`Tidbok: could not load <${tags.join('>, <')}>`, error);
        watch();
      },
    ));
  };

  if (typeof document === 'undefined' || tags.every((tag) => customElements.get(tag))) return start;
  if (document.querySelector(selector)) void start();
  else watch();
  return start;
}
