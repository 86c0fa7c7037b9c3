// Helpers for the browser tests: a fresh clinic on the real test server, and ways into shadow roots.
import { ContextProvider } from '@lit/context';
import { fixtureSync, html } from '@open-wc/testing';
import type { Tidbok } from '@tidbok/sdk';
import { executeServerCommand } from '@web/test-runner-commands';
import { tidbokContext } from './context.js';

export interface SeededClinic {
  apiUrl: string;
  slug: string;
  adminToken: string;
  timeZone: string;
  locationId: string;
  /** Samtal (Anna only), Kort uppföljning (Anna and Erik). */
  treatmentTypes: { id: string; name: string }[];
  /** Anna Lindqvist, Erik Johansson. */
  practitioners: { id: string; name: string }[];
}

/** A new clinic with weekday working time 09–12 from `firstDay` days after today, for this page's origin. */
export function seedClinic(options: { locale?: 'sv' | 'en'; firstDay?: number; days?: number } = {}): Promise<SeededClinic> {
  return executeServerCommand<SeededClinic, object>('tidbok-seed', { origin: location.origin, ...options });
}

/** A staff call to the clinic's admin API. */
export async function admin<T = unknown>(clinic: SeededClinic, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${clinic.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The holds on the clinic's calendar in the next weeks. */
export async function holdsOf(clinic: SeededClinic): Promise<{ id: string; start: string }[]> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString();
  const { entries } = await admin<{ entries: { kind: string; id: string; start: string }[] }>(
    clinic,
    'GET',
    `/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  return entries.filter((e) => e.kind === 'hold');
}

/** The first element matching `selector`, looking through open shadow roots (depth first). */
export function deep<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T | null {
  const scope = root instanceof Element && root.shadowRoot ? root.shadowRoot : root;
  const found = scope.querySelector<T>(selector);
  if (found) return found;
  for (const el of scope.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const inner = deep<T>(el, selector);
      if (inner) return inner;
    }
  }
  return null;
}

/** Every element matching `selector` through open shadow roots. */
export function deepAll<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T[] {
  const scope = root instanceof Element && root.shadowRoot ? root.shadowRoot : root;
  const out = [...scope.querySelectorAll<T>(selector)];
  for (const el of scope.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll<T>(el, selector));
  return out;
}

/**
 * Waits until `predicate` holds, as open-wc's `waitUntil`, for tests that read an element which
 * re-renders on its own schedule (texts, the server's answers). A predicate that throws, because
 * what it reads is not rendered (yet, or for a moment between two renders), means "not yet"; its
 * last error goes into the timeout's message. The timeout is a ceiling for a busy machine, not a
 * measure: nothing here waits for time to pass.
 */
export function waitUntil(
  predicate: () => unknown,
  message = 'waiting for a condition',
  { timeout = 8000, interval = 25 }: { timeout?: number; interval?: number } = {},
): Promise<void> {
  const deadline = performance.now() + timeout;
  return new Promise((resolve, reject) => {
    const check = async () => {
      let last: unknown;
      try {
        if (await predicate()) return resolve();
      } catch (error) {
        last = error;
      }
      if (performance.now() < deadline) setTimeout(() => void check(), interval);
      else reject(new Error(`Timeout: ${message}${last ? ` (last: ${String(last)})` : ''}`));
    };
    void check();
  });
}

/** Waits for `selector` to appear (through shadow roots) and returns it. */
export async function waitFor<T extends Element = HTMLElement>(
  root: Element,
  selector: string,
  message = `waiting for ${selector}`,
  timeout = 8000,
): Promise<T> {
  await waitUntil(() => deep(root, selector), message, { timeout });
  return deep<T>(root, selector)!;
}

/** Waits for the first button (through shadow roots) whose text includes `text`. */
export async function buttonWithText(root: Element, text: string | RegExp, timeout = 8000): Promise<HTMLButtonElement> {
  const find = () =>
    deepAll<HTMLButtonElement>(root, 'button, a').find((b) => (typeof text === 'string' ? b.textContent?.includes(text) : text.test(b.textContent ?? '')));
  await waitUntil(find, `waiting for a button with ${text}`, { timeout });
  return find()!;
}

/** Visible text of an element and its shadow tree, whitespace collapsed. */
export function textOf(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof HTMLElement && node.hidden) return;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Types `value` into the form field named `name`, as a visitor would. */
export function fill(root: Element, name: string, value: string): void {
  const field = deep(root, `tidbok-text-field[name="${name}"]`);
  const input = field?.shadowRoot?.querySelector<HTMLInputElement>('input, textarea');
  if (!input) throw new Error(`no field ${name}`);
  // Real focus and blur events: every test page behaves as the focused one (createPage in
  // web-test-runner.config.mjs), so the field's check on blur runs as it would for a visitor.
  let blurred = false;
  input.addEventListener('blur', () => (blurred = true), { once: true });
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.blur();
  if (!blurred) throw new Error(`the ${name} field got no blur event: is the page without focus?`);
}

/** The inner `<input>`/`<textarea>` of the field named `name`. */
export function inputOf(root: Element, name: string): HTMLInputElement {
  return deep(root, `tidbok-text-field[name="${name}"]`)!.shadowRoot!.querySelector<HTMLInputElement>('input, textarea')!;
}

/** The focused element, looking through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * A `<div>` that provides `tidbok` as the connection, as `<tidbok-provider>` would: lets a test
 * hand an element a client whose methods it controls.
 */
export function providing(tidbok: Tidbok, locale: 'sv' | 'en' = 'en'): HTMLDivElement {
  // fixtureSync: awaiting `fixture` of a plain element waits for an animation frame, which
  // never comes while the test runner keeps this page in a background tab.
  const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
  const provider = new ContextProvider(host, {
    context: tidbokContext,
    initialValue: { api: 'http://tidbok.invalid', clinic: 'test', locale, tidbok },
  });
  provider.hostConnected();
  return host;
}
