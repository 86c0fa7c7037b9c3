// Where the tests find Chromium and how they start it: Debian's /usr/bin/chromium unless
// CHROMIUM_PATH says otherwise, headless, with everything that would reach out to the network
// at start (component updates, sync, background fetches, QUIC) turned off. Shared by the
// @web/test-runner config and the playwright-core end-to-end tests.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
