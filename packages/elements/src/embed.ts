/**
 * The browser bundle served at `/embed/tidbok.js` (README, "Putting it on a website"): Lit, the SDK and every
 * public element, registered on load. The staff side (`<tidbok-admin>`, `<tidbok-template-weeks>`
 * and the staff SDK) is a separate file, `/embed/chunks/admin-[hash].js`, fetched only by a page
 * that has one of those tags or gives a staff token; parts of the public elements that are
 * imported lazily (e.g. "My bookings") are chunks there too (rollup.config.mjs).
 *
 * Besides `loadAdmin`, `tidbok.js` exports short-named internals its lazily loaded chunks import
 * from it; they are not an API.
 *
 * @example
 * <script type="module" src="https://booking.example.com/embed/tidbok.js"></script>
 * <tidbok-booking clinic="demo"></tidbok-booking>
 */
import './define.js';
import { defineLazily } from './shared/lazy-define.js';

/**
 * Loads and registers the staff elements now. They load on their own when one of their tags is
 * in the document; call this for tags inside a shadow root, which the bundle does not look into:
 * `import { loadAdmin } from 'https://booking.example.com/embed/tidbok.js'; await loadAdmin();`
 */
export const loadAdmin = defineLazily(['tidbok-admin', 'tidbok-template-weeks'], () => import('./admin-entry.js'));
