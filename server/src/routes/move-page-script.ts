/**
 * The move page's script, served as a file (`/b/move.js`) since the pages allow no inline
 * script. It loads the embed's "My bookings" chunk, whose `<tidbok-move-booking>` shows the slot
 * picker and moves the booking, and hands it the manage token from the page's hidden field (the
 * token stays out of every address, as on the manage page). Keeping the time, or coming back
 * after a move, posts the form that shows the booking again.
 */
export const MOVE_SCRIPT = `(async () => {
  const box = document.getElementById('move');
  const back = document.getElementById('back');
  if (!box || !back) return;
  const show = (id, on) => {
    const el = document.getElementById(id);
    if (el) el.hidden = !on;
  };
  try {
    if (!box.dataset.chunk) throw new Error('no bundle');
    await import(box.dataset.chunk);
    const el = document.createElement('tidbok-move-booking');
    el.clinic = box.dataset.clinic;
    el.booking = box.dataset.booking;
    el.locale = box.dataset.locale;
    el.token = back.elements.namedItem('t').value;
    el.addEventListener('tidbok-move-closed', () => back.submit());
    box.append(el);
    show('move-loading', false);
    el.focus();
  } catch {
    show('move-loading', false);
    show('move-failed', true);
  }
})();
`;
