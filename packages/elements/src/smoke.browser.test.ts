import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import { TreatmentTypeSchema } from '@tidbok/core';

describe('browser test harness', () => {
  it('reaches a real Tidbok server seeded for this page', async () => {
    const clinic = await executeServerCommand<{ apiUrl: string; slug: string }, { origin: string }>('tidbok-seed', { origin: location.origin });
    // A cross-origin fetch only resolves when the server's CORS answer admits this page.
    const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}`);
    expect(res.status).to.equal(200);
    const body = await res.json();
    expect(TreatmentTypeSchema.safeParse(body.treatmentTypes[0]).success).to.equal(true);
  });
});
