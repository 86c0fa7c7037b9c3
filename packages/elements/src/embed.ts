/**
 * The one-file browser bundle served at `/embed/tidbok.js` (API.md, Embedding): Lit, the SDK and
 * every public element, registered on load.
 *
 * @example
 * <script type="module" src="https://booking.example.com/embed/tidbok.js"></script>
 * <tidbok-booking clinic="demo"></tidbok-booking>
 */
import './define.js';
