import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TidbokProvider } from '../provider/provider.js';
import { type Clinic, seedClinic, setValue, staffOk } from '../calendar/test-support.js';
import type { SettingsSection, TidbokAdminSettings } from './admin-settings.js';
import type { SettingsScreen } from './settings-screen.js';

type Booking = Record<string, unknown>;
const settingsOf = async (clinic: Clinic) => (await staffOk<{ booking: Booking }>(clinic, 'GET', '/settings')).booking;

async function mountShell(clinic: Clinic, section: SettingsSection, locale: 'sv' | 'en' = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-admin-settings locale=${locale} section=${section}></tidbok-admin-settings>
    </tidbok-provider>
  `);
  const shell = wrapper.querySelector<TidbokAdminSettings>('tidbok-admin-settings')!;
  await waitUntil(() => shell.shadowRoot!.querySelector('[data-screen]')?.shadowRoot?.querySelector('form'), 'the screen loads', { timeout: 8000 });
  return { shell, screen: shell.shadowRoot!.querySelector<SettingsScreen>('[data-screen]')! };
}

const mount = async (clinic: Clinic, section: SettingsSection, locale: 'sv' | 'en' = 'sv') => (await mountShell(clinic, section, locale)).screen;

const inside = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const fieldByLabel = <T extends HTMLElement = HTMLInputElement>(el: Element, label: string): T => {
  const found = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === label);
  if (!found) throw new Error(`no field ${label}`);
  return (found.htmlFor ? el.shadowRoot!.getElementById(found.htmlFor) : found.querySelector('input')) as T;
};
const errorOf = (el: Element, control: HTMLElement) =>
  el.shadowRoot!.getElementById(control.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent!.trim();
const click = (el: Element, selector: string) => inside<HTMLButtonElement>(el, selector).click();
const button = (el: Element, text: string) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;

async function save(el: SettingsScreen) {
  const saved = oneEvent(el, 'tidbok-settings-change');
  click(el, 'button[type="submit"]');
  await saved;
  await el.updateComplete;
}

describe('settings screens', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
  });

  describe('<tidbok-message-settings>', () => {
    it('turns reminders on and saves the channel, sender and copies', async () => {
      const el = await mount(clinic, 'messages');
      const on = fieldByLabel(el, 'Skicka påminnelser före besöket');
      expect(on.checked).to.equal(false);
      expect(fieldByLabel(el, 'Avsändarnamn för SMS').value).to.equal('Tidbok');
      on.click();
      await el.updateComplete;
      expect(el.dirty).to.equal(true);
      setValue(fieldByLabel(el, 'Timmar före besöket'), '48');
      setValue(fieldByLabel<HTMLSelectElement>(el, 'Påminnelse via'), 'email');
      setValue(fieldByLabel(el, 'Avsändarnamn för SMS'), 'LugnaRum');
      setValue(fieldByLabel(el, 'Kopia av bekräftelser till (e-post)'), 'reception@lugna.example');
      fieldByLabel(el, 'Behandlaren får en kopia av bekräftelsen').click();
      await save(el);
      expect(await settingsOf(clinic)).to.include({
        reminderHoursBefore: 48,
        reminderChannel: 'email',
        smsSender: 'LugnaRum',
        confirmationCopyTo: 'reception@lugna.example',
        confirmationCopyToPractitioner: true,
      });
      expect(inside(el, '[role="status"]').textContent).to.equal('Sparat.');
      expect(el.dirty).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('says in Swedish what is wrong and saves nothing', async () => {
      const el = await mount(clinic, 'messages');
      const sender = fieldByLabel(el, 'Avsändarnamn för SMS');
      setValue(sender, 'Lugna Rummet');
      setValue(fieldByLabel(el, 'Kopia av bekräftelser till (e-post)'), 'inte-en-adress');
      click(el, 'button[type="submit"]');
      await el.updateComplete;
      expect(sender.getAttribute('aria-invalid')).to.equal('true');
      expect(errorOf(el, sender)).to.equal('Använd 1–11 bokstäver a–z och siffror, utan mellanslag eller å, ä, ö.');
      expect(errorOf(el, fieldByLabel(el, 'Kopia av bekräftelser till (e-post)'))).to.equal('Skriv en e-postadress som namn@exempel.se.');
      expect(inside(el, '[role="alert"]').textContent).to.equal('Rätta de markerade fälten och spara igen.');
      expect((await settingsOf(clinic)).smsSender).not.to.equal('Lugna Rummet');
      await expect(el).to.be.accessible();
    });

    it('speaks English, errors too', async () => {
      const el = await mount(clinic, 'messages', 'en');
      const sender = fieldByLabel(el, 'SMS sender name');
      setValue(sender, 'Åsa');
      click(el, 'button[type="submit"]');
      await el.updateComplete;
      expect(errorOf(el, sender)).to.equal('Use 1–11 letters a–z and digits, without spaces or accented letters.');
      expect(inside(el, '[role="alert"]').textContent).to.equal('Correct the marked fields and save again.');
    });
  });

  describe('<tidbok-receipt-settings>', () => {
    it('saves what the receipts say', async () => {
      const el = await mount(clinic, 'receipts');
      setValue(fieldByLabel(el, 'Rubrik på kvittot'), 'Kvitto för behandling');
      setValue(fieldByLabel(el, 'Organisationsnummer'), '556677-8899');
      setValue(fieldByLabel<HTMLTextAreaElement>(el, 'Adress'), 'Götgatan 12\n116 46 Stockholm');
      setValue(fieldByLabel<HTMLTextAreaElement>(el, 'Momstext'), 'Momsfri sjukvård enligt 3 kap. 4 § mervärdesskattelagen');
      await save(el);
      expect(await settingsOf(clinic)).to.include({
        receiptTitle: 'Kvitto för behandling',
        organisationNumber: '556677-8899',
        address: 'Götgatan 12\n116 46 Stockholm',
        vatText: 'Momsfri sjukvård enligt 3 kap. 4 § mervärdesskattelagen',
      });
      expect(inside(el, '[role="status"]').textContent).to.equal('Sparat.');
      await expect(el).to.be.accessible();
    });

    it("says so when the server refuses (a receptionist's token), in the screen's language", async () => {
      const { token } = await staffOk<{ token: string }>(clinic, 'POST', '/staff', { name: 'Rut Reception', role: 'reception' });
      for (const [locale, sentence] of [
        ['sv', 'Bara administratörer kan ändra inställningarna.'],
        ['en', 'Only administrators can change the settings.'],
      ] as const) {
        const wrapper = await fixture<TidbokProvider>(html`
          <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${token}>
            <tidbok-receipt-settings locale=${locale}></tidbok-receipt-settings>
          </tidbok-provider>
        `);
        const el = wrapper.querySelector<SettingsScreen>('tidbok-receipt-settings')!;
        await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the screen loads', { timeout: 8000 });
        setValue(fieldByLabel(el, locale === 'sv' ? 'Organisationsnummer' : 'Organisation number'), '111111-1111');
        const failed = oneEvent(el, 'tidbok-error');
        click(el, 'button[type="submit"]');
        await failed;
        await el.updateComplete;
        expect(inside(el, '[role="alert"]').textContent).to.equal(sentence);
        expect(el.dirty).to.equal(true);
      }
      expect((await settingsOf(clinic)).organisationNumber).not.to.equal('111111-1111');
    });
  });

  describe('<tidbok-website-settings>', () => {
    it('adds a site as its origin, refuses what is not one, removes and saves', async () => {
      const el = await mount(clinic, 'websites');
      expect(inside(el, '.origins').textContent).to.contain(location.origin);
      const input = fieldByLabel(el, 'Ny webbplats');
      setValue(input, 'www.lugna.example');
      click(el, '[data-action="add-origin"]');
      await el.updateComplete;
      expect(errorOf(el, input)).to.contain('Skriv en adress som börjar med https://');
      setValue(input, 'https://www.lugna.example/boka');
      click(el, '[data-action="add-origin"]');
      await el.updateComplete;
      expect(errorOf(el, input)).to.contain('bara har webbplatsens namn');
      setValue(input, 'HTTPS://WWW.Lugna.example/');
      click(el, '[data-action="add-origin"]');
      await el.updateComplete;
      expect(inside(el, '.origins').textContent).to.contain('https://www.lugna.example');
      setValue(fieldByLabel(el, 'Ny webbplats'), 'https://www.lugna.example');
      click(el, '[data-action="add-origin"]');
      await el.updateComplete;
      expect(errorOf(el, fieldByLabel(el, 'Ny webbplats'))).to.equal('https://www.lugna.example finns redan i listan.');
      setValue(fieldByLabel(el, 'Ny webbplats'), 'https://gammal.example');
      click(el, '[data-action="add-origin"]');
      await el.updateComplete;
      inside<HTMLButtonElement>(el, 'button[aria-label="Ta bort https://gammal.example"]').click();
      await el.updateComplete;
      setValue(fieldByLabel(el, 'Bokningssidans adress'), 'https://www.lugna.example/boka');
      await save(el);
      const stored = await settingsOf(clinic);
      expect(stored.allowedOrigins).to.deep.equal([location.origin, 'https://www.lugna.example']);
      expect(stored.bookingPageUrl).to.equal('https://www.lugna.example/boka');
      await expect(el).to.be.accessible();
    });

    it('says when the widget was loaded on a site not in the list, and adds it on request', async () => {
      // This page's server under its other name is another site: its requests are refused.
      const other = new URL('./testing/other-site.html', import.meta.url);
      other.hostname = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
      other.searchParams.set('url', `${clinic.apiUrl}/v1/clinics/${clinic.slug}`);
      const answered = new Promise<{ status?: number; error?: string }>((resolve) =>
        window.addEventListener('message', (e) => resolve(e.data), { once: true }),
      );
      const frame = document.createElement('iframe');
      frame.title = 'other site';
      frame.src = other.href;
      document.body.append(frame);
      expect(await answered).to.deep.equal({ status: 403 });
      frame.remove();

      const el = await mount(clinic, 'websites');
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="rejected-origins"]'), 'the hint shows');
      const hint = inside(el, '[part~="rejected-origins"]');
      expect(hint.textContent).to.contain(`Widgeten laddades på ${other.origin}, som inte finns i listan`);
      await expect(el).to.be.accessible();
      inside<HTMLButtonElement>(el, `button[data-origin="${other.origin}"]`).click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="rejected-origins"]')).to.equal(null);
      await save(el);
      expect((await settingsOf(clinic)).allowedOrigins).to.include(other.origin);
    });

    it('says in English what is wrong', async () => {
      const el = await mount(clinic, 'websites', 'en');
      setValue(fieldByLabel(el, 'Booking page address'), 'lugna.example/boka');
      click(el, 'button[type="submit"]');
      await el.updateComplete;
      expect(errorOf(el, fieldByLabel(el, 'Booking page address'))).to.equal('Write a full address starting with https://.');
      expect(inside(el, '[role="alert"]').textContent).to.equal('Correct the marked fields and save again.');
    });
  });

  describe('<tidbok-holiday-settings>', () => {
    it("lists the year's red days, closes them, adds and removes the clinic's own day", async () => {
      const el = await mount(clinic, 'holidays');
      (el as SettingsScreen & { year: number }).year = 2027;
      await el.updateComplete;
      const goodFriday = inside(el, '[part~="red-days"] tr[data-date="2027-03-26"]');
      expect(goodFriday.textContent).to.contain('Långfredagen').and.contain('Öppet');
      expect(el.shadowRoot!.querySelectorAll('[part~="red-days"] tbody tr').length).to.equal(16);
      fieldByLabel(el, 'Stängt på röda dagar').click();
      await el.updateComplete;
      expect(goodFriday.textContent).to.contain('Stängt');
      fieldByLabel(el, 'Stängt på midsommarafton').click();
      await el.updateComplete;
      expect(inside(el, '[part~="red-days"] tr[data-date="2027-06-25"]').textContent).to.contain('Midsommarafton').and.contain('Öppet');

      // A day without a name is refused in place.
      setValue(inside<HTMLInputElement>(el, '#f-newDate'), '2027-08-20');
      click(el, '[data-action="add-day"]');
      await el.updateComplete;
      expect(errorOf(el, fieldByLabel(el, 'Vad dagen heter'))).to.equal('Skriv ett namn.');
      setValue(fieldByLabel(el, 'Vad dagen heter'), 'Personaldag');
      click(el, '[data-action="add-day"]');
      await el.updateComplete;
      setValue(inside<HTMLInputElement>(el, '#f-newDate'), '2027-08-27');
      setValue(fieldByLabel(el, 'Vad dagen heter'), 'Flytt');
      click(el, '[data-action="add-day"]');
      await el.updateComplete;
      inside<HTMLButtonElement>(el, 'button[aria-label^="Ta bort Flytt"]').click();
      await el.updateComplete;
      expect(inside(el, '[part~="own-days"]').textContent).to.contain('Personaldag').and.not.contain('Flytt');
      await expect(el).to.be.accessible();
      await save(el);
      expect(await settingsOf(clinic)).to.deep.include({
        publicHolidays: true,
        midsummerEveClosed: false,
        closedDays: [{ date: '2027-08-20', name: 'Personaldag' }],
      });
      expect(inside(el, '[role="status"]').textContent).to.equal('Sparat.');
    });

    it('names the red days in English', async () => {
      const el = await mount(clinic, 'holidays', 'en');
      (el as SettingsScreen & { year: number }).year = 2026;
      await el.updateComplete;
      expect(inside(el, '[part~="red-days"] tr[data-date="2026-06-19"]').textContent).to.contain('Midsummer Eve');
      button(el, '›').click();
      await el.updateComplete;
      expect(inside(el, 'h3').textContent).to.equal('Public holidays 2027');
    });
  });

  describe('leaving with changes not saved', () => {
    it('asks, stays when told, and leaves when told', async () => {
      const { shell, screen } = await mountShell(clinic, 'receipts');
      setValue(fieldByLabel(screen, 'Rubrik på kvittot'), 'Något nytt');
      shell.shadowRoot!.querySelector<HTMLButtonElement>('[data-section="messages"]')!.click();
      await shell.updateComplete;
      expect(inside(shell, '[role="alertdialog"]').textContent).to.contain('Du har ändringar som inte är sparade');
      await expect(shell).to.be.accessible();
      click(shell, '[data-action="stay"]');
      await shell.updateComplete;
      expect(shell.shadowRoot!.querySelector('tidbok-receipt-settings')).not.to.equal(null);
      expect(fieldByLabel(screen, 'Rubrik på kvittot').value).to.equal('Något nytt');
      shell.shadowRoot!.querySelector<HTMLButtonElement>('[data-section="messages"]')!.click();
      await shell.updateComplete;
      click(shell, '[data-action="leave"]');
      await shell.updateComplete;
      expect(shell.shadowRoot!.querySelector('tidbok-message-settings')).not.to.equal(null);
      expect(shell.shadowRoot!.querySelector('[role="alertdialog"]')).to.equal(null);
    });

    it("asks for the shell's own forms too", async () => {
      const { shell } = await mountShell(clinic, 'messages');
      shell.shadowRoot!.querySelector<HTMLButtonElement>('[data-section="booking"]')!.click();
      await shell.updateComplete;
      setValue(fieldByLabel(shell, 'Avbokningsmarginal (timmar)'), '12');
      shell.shadowRoot!.querySelector<HTMLButtonElement>('[data-section="holidays"]')!.click();
      await shell.updateComplete;
      expect(shell.shadowRoot!.querySelector('[role="alertdialog"]')).not.to.equal(null);
    });
  });
});
