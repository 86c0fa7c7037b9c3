// The intranet page's script (a file, so the page's CSP needs no inline script). The server put
// a session token in <tidbok-admin token="…">; this gives the element a way to get a new one when
// it runs out (the intranet's own /tidbok/token, which does the handshake again), and sends the
// person to the login page if their intranet session has ended too.
const admin = document.querySelector('tidbok-admin');

admin.tokenProvider = async () => {
  const res = await fetch('/tidbok/token', { method: 'POST', headers: { 'x-intranet': '1' } });
  if (!res.ok) throw new Error(`The intranet gave no token (${res.status})`);
  return (await res.json()).token;
};

admin.addEventListener('tidbok-session-expired', () => {
  location.assign('/login?expired=1');
});
