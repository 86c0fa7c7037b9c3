/* global location, parent */
// Asks the clinic's API for its public data from this page's origin and tells the opener the status.
const url = new URLSearchParams(location.search).get('url');
fetch(url)
  .then((res) => parent.postMessage({ status: res.status }, '*'))
  .catch((error) => parent.postMessage({ error: String(error) }, '*'));
