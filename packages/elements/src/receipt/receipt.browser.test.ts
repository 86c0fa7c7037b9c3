import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { book, type Clinic, click, deep, firstWorkday, mountCalendar, seedClinic, staffOk, waitFor, waitForEntry } from '../calendar/test-support.js';
import type { TidbokProvider } from '../provider/provider.js';
import { staffKit } from '../client-card/kit.js';
import { defineReceipt } from './define.js';
import type { TidbokReceipt } from './receipt.js';

defineReceipt(staffKit);

const plain = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

async function mount(clinic: Clinic, bookingId: string, locale: 'sv' | 'en' = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-receipt booking-id=${bookingId} locale=${locale} open></tidbok-receipt>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector<TidbokReceipt>('tidbok-receipt')!;
  await waitUntil(() => el.shadowRoot!.querySelector('.receipt'), 'the receipt is loaded', { timeout: 8000 });
  return el;
}

/** Every table row as its cells' texts, one row a string: `Summa att betala | 450,00 kr`. */
const tableText = (root: ParentNode) => [...root.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => plain(cell.textContent)).join(' | '));

/** The VAT table's rows as text: rate, net, VAT, gross. */
const vatRows = (root: ParentNode) => [...root.querySelectorAll('table.vat tbody tr')].map((tr) => [...tr.children].map((cell) => plain(cell.textContent)));

describe('<tidbok-receipt>', () => {
  let clinic: Clinic;
  let taxed: string;
  let free: string;
  before(async () => {
    clinic = await seedClinic();
    await staffOk(clinic, 'PATCH', '/settings', { booking: { organisationNumber: '556677-8899', address: 'Storgatan 1\n111 22 Stockholm' } });
    // Kort uppföljning: 450 kr with 25 % VAT; Samtal: 950 kr, VAT-free.
    await staffOk(clinic, 'PATCH', `/treatment-types/${clinic.treatmentTypes[1]!.id}`, { vatPercent: 25 });
    taxed = (await book(clinic, { date: firstWorkday(clinic), start: '09:00', treatment: 1, client: 'Kim Kvitto' })).id;
    await staffOk(clinic, 'POST', `/bookings/${taxed}/payment`, { method: 'swish' });
    free = (await book(clinic, { date: firstWorkday(clinic), start: '10:00', treatment: 0, client: 'Fia Fri' })).id;
    await staffOk(clinic, 'POST', `/bookings/${free}/payment`, { method: 'card' });
  });

  it('shows the seller, org. number, address, the lines and one VAT line per rate present, in Swedish', async () => {
    const el = await mount(clinic, taxed);
    const receipt = el.shadowRoot!.querySelector('.receipt')!;
    expect(plain(receipt.querySelector('h2')!.textContent)).to.equal('Kvitto');
    const seller = plain(receipt.querySelector('.seller')!.textContent);
    expect(seller).to.contain(`Klinik ${clinic.slug}`).and.contain('Org.nr 556677-8899').and.contain('Storgatan 1').and.contain('111 22 Stockholm');
    const text = plain(receipt.textContent);
    expect(tableText(receipt)).to.include.members(['Klient | Kim Kvitto', 'Kort uppföljning | 450,00 kr', 'Betalsätt | Swish', 'Summa att betala | 450,00 kr']);
    expect(vatRows(receipt)).to.deep.equal([['25 %', '360,00 kr', '90,00 kr', '450,00 kr']]);
    expect(text).to.not.contain('Momsfri');
    expect(plain(el.shadowRoot!.querySelector('summary')!.textContent)).to.equal('Kvitto 1 · 450,00 kr');
    await expect(el).to.be.accessible();
  });

  it('a VAT-free treatment gets a VAT-free line and no taxed one', async () => {
    const el = await mount(clinic, free);
    expect(vatRows(el.shadowRoot!)).to.deep.equal([['Momsfritt', '950,00 kr', '0,00 kr', '950,00 kr']]);
  });

  it('in English, with English amounts', async () => {
    const el = await mount(clinic, taxed, 'en');
    const receipt = el.shadowRoot!.querySelector('.receipt')!;
    expect(plain(receipt.querySelector('h2')!.textContent)).to.equal('Receipt');
    expect(vatRows(receipt)).to.deep.equal([['25 %', 'SEK 360.00', 'SEK 90.00', 'SEK 450.00']]);
    expect(tableText(receipt)).to.include('Total paid | SEK 450.00');
    expect(plain(receipt.querySelector('.seller')!.textContent)).to.contain('Org. no. 556677-8899');
  });

  it('shows the same lines and totals as the receipt the server prints and e-mails', async () => {
    const el = await mount(clinic, taxed);
    const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/bookings/${taxed}/receipt?locale=sv`, {
      headers: { authorization: `Bearer ${clinic.adminToken}` },
    });
    const printed = new DOMParser().parseFromString(await res.text(), 'text/html');
    expect(vatRows(el.shadowRoot!)).to.deep.equal(vatRows(printed));
    const rows = (root: ParentNode, table: string) => tableText(root.querySelector(`table.${table}`)!);
    expect(rows(el.shadowRoot!, 'items')).to.deep.equal(rows(printed, 'items'));
    expect(rows(el.shadowRoot!, 'facts')).to.deep.equal(rows(printed, 'facts'));
  });

  it('Print prints a document with the receipt only', async () => {
    const el = await mount(clinic, taxed);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="print"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('iframe')?.contentDocument?.querySelector('.receipt'), 'the print frame holds the receipt', {
      timeout: 8000,
    });
    const doc = el.shadowRoot!.querySelector('iframe')!.contentDocument!;
    // Only the receipt: one article, no buttons, no popup or calendar text.
    expect([...doc.body.children].map((child) => child.localName)).to.deep.equal(['article']);
    expect(doc.querySelector('button, summary, details, input')).to.equal(null);
    expect(plain(doc.body.textContent)).to.not.contain('Skriv ut');
    expect(doc.title).to.equal('Kvitto 1');
    expect(doc.documentElement.lang).to.equal('sv');
    expect(vatRows(doc)).to.deep.equal([['25 %', '360,00 kr', '90,00 kr', '450,00 kr']]);
    expect(plain(doc.body.textContent)).to.contain('Org.nr 556677-8899');
    expect(tableText(doc)).to.include('Summa att betala | 450,00 kr');
    // Its styles travel with it.
    expect(doc.querySelector('style')!.textContent).to.contain('.receipt table');
  });

  it('the entry popup of a paid booking shows the receipt with its Print button', async () => {
    const { el } = await mountCalendar({ clinic });
    await click(el, await waitForEntry(el, taxed));
    const popup = await waitFor<HTMLElement>(el, 'tidbok-entry-popup');
    const receipt = await waitFor<TidbokReceipt>(popup, 'tidbok-receipt');
    await waitUntil(() => receipt.shadowRoot?.querySelector('.receipt'), 'the receipt is loaded', { timeout: 8000 });
    expect(plain(receipt.shadowRoot!.querySelector('summary')!.textContent)).to.equal('Kvitto 1 · 450,00 kr');
    expect(deep(receipt, '[data-action="print"]')).to.not.equal(null);
  });
});
