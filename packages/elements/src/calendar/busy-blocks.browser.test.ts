import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { at, mountCalendar, waitForEntry } from './test-support.js';

// Busy time from a practitioner's own calendar, as the server stores a read of it (the server
// side, reading and expanding the calendar, is tested in server/src/busy-calendar).
describe('<tidbok-calendar> busy time from own calendars', () => {
  it('draws it grey and hatched, not to be opened or moved, with a title only when there is one', async () => {
    const ids: Record<string, string> = {};
    const { el } = await mountCalendar({
      prepare: async (clinic, day) => {
        const busy = (start: string, end: string, title: string | null) =>
          executeServerCommand<string, object>('tidbok-busy-time', {
            slug: clinic.slug,
            practitionerId: clinic.practitioners[0]!.id,
            start: at(clinic, day, start),
            end: at(clinic, day, end),
            title,
          });
        ids.plain = await busy('12:00', '13:00', null);
        ids.titled = await busy('15:00', '16:00', 'Tandläkare');
      },
    });
    const plain = await waitForEntry(el, ids.plain!);
    expect(plain.getAttribute('part')).to.equal('entry busy');
    expect(plain.dataset.kind).to.equal('busy');
    expect(plain.getAttribute('role')).to.equal('img');
    expect(plain.hasAttribute('tabindex')).to.equal(false);
    expect(plain.getAttribute('aria-label')).to.match(/^Upptagen 12:00–13:00 \(egen kalender\)/);
    expect(plain.textContent).to.contain('Upptagen').and.not.contain('Tandläkare');
    expect(getComputedStyle(plain).backgroundImage).to.contain('repeating-linear-gradient');
    // Staff may book over it: pointer events go through to the day underneath.
    expect(getComputedStyle(plain).pointerEvents).to.equal('none');

    const titled = await waitForEntry(el, ids.titled!);
    expect(titled.getAttribute('aria-label')).to.match(/^Upptagen 15:00–16:00, Tandläkare \(egen kalender\)/);
    expect(titled.textContent).to.contain('Tandläkare');
  });
});
