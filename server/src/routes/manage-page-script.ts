/**
 * The manage page's one script, served as a file (`/b/manage.js`) since the pages allow no
 * inline script. A manage link carries its token after `#` (`/b/<clinic>/<booking>#t=<token>`),
 * which the browser never sends: this moves it into a POST, so the token reaches the server in
 * a request body, never in an address that server logs, proxies or a Referer would keep.
 *
 * It sends the form while the page is still loading, so the answer takes this page's place in
 * the history and Back skips it. Should a browser keep the page all the same, coming back to it
 * shows the button instead of sending the form again, so Back is never caught in a loop.
 */
export const MANAGE_SCRIPT = `(() => {
  const form = document.getElementById('open');
  const match = /(?:^#|&)t=([^&]+)/.exec(location.hash);
  const opening = document.getElementById('opening');
  if (!form || !match) {
    if (opening) opening.hidden = true;
    const missing = document.getElementById('missing');
    if (missing) missing.hidden = false;
    return;
  }
  let token = match[1];
  try {
    token = decodeURIComponent(token);
  } catch {}
  form.elements.namedItem('t').value = token;
  const offer = () => {
    if (opening) opening.hidden = true;
    form.querySelector('button').hidden = false;
  };
  // Restored from the back-forward cache: no script runs again, so offer the button then too.
  addEventListener('pageshow', (event) => event.persisted && offer());
  const navigation = performance.getEntriesByType('navigation')[0];
  if (navigation && navigation.type === 'back_forward') offer();
  else form.submit();
})();
`;
