import { expect } from '@open-wc/testing';
import { isTidbokError } from '@tidbok/sdk';
import { connect, loadAdminClient } from './context.js';
import { seedClinic } from './test-support.js';

describe('connect()', () => {
  it('gives the public client alone without a token', () => {
    const connection = connect('http://tidbok.invalid/', 'demo', null, 'sv');
    expect(connection.api).to.equal('http://tidbok.invalid');
    expect(connection).to.include({ clinic: 'demo', locale: 'sv' });
    expect(connection.admin).to.equal(undefined);
    expect(connection.tidbok.clinic).to.be.a('function');
  });

  // This page has not loaded the staff SDK yet: the first connection with a token gets the
  // stand-in, whose calls wait for the module (a separate file in the embed bundle).
  it('gives a staff client at once with a token, loading its module on the way', async () => {
    const clinic = await seedClinic();
    const { admin } = connect(clinic.apiUrl, clinic.slug, clinic.adminToken);
    const other = connect(clinic.apiUrl, clinic.slug, 'not-a-token').admin!;
    // Stand-ins: proxies without keys of their own (the real client is an object of methods).
    expect(Object.keys(admin!)).to.deep.equal([]);
    // Not a thenable: awaiting the connection's admin gives it back, it does not hang.
    expect(await Promise.resolve(admin)).to.equal(admin);
    // `setToken` takes effect before the calls after it, while the module is still loading.
    other.setToken(clinic.adminToken);
    const [settings, types, again] = await Promise.all([admin!.settings.get(), admin!.treatmentTypes.list(), other.settings.get()]);
    expect(settings.timeZone).to.equal(clinic.timeZone);
    expect(types.map((type) => type.id).sort()).to.deep.equal(clinic.treatmentTypes.map((type) => type.id).sort());
    expect(again.name).to.equal(settings.name);
    // And once loaded, straight through.
    other.setToken('not-a-token-either');
    const failure = await other.settings.get().catch((error: unknown) => error);
    expect(isTidbokError(failure) && failure.code).to.equal('unauthorized');
  });

  it('hands out the staff client itself once its module is loaded', async () => {
    await loadAdminClient();
    const { admin } = connect('http://tidbok.invalid', 'demo', 'token');
    // The real client is a plain object of methods; the stand-in is a proxy with no own keys.
    expect(Object.keys(admin!)).to.include.members(['settings', 'calendar', 'setToken']);
  });
});
