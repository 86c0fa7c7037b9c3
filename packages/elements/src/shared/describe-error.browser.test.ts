import { expect } from '@open-wc/testing';
import { ERROR_CODES } from '@tidbok/core';
import { TidbokError } from '@tidbok/sdk';
import { describeError } from './describe-error.js';

const problem = (code: string, extra: Record<string, unknown> = {}) => ({
  type: `https://tidbok.dev/problems/${code}`,
  title: 'English title',
  status: 409,
  detail: 'An English detail for integrators',
  code,
  ...extra,
});

const failure = (code: string, extra: Record<string, unknown> = {}) => new TidbokError(code, 'English message', { status: 400, problem: problem(code, extra) });

describe('describeError: every problem is a sentence in the staff language', () => {
  it('gives every server code its own sentence in Swedish and in English, never the English detail or a field path', () => {
    const seen = new Set<string>();
    for (const code of ERROR_CODES) {
      const error = failure(code, { errors: [{ path: 'body.start', message: 'Expected an instant' }] });
      const sv = describeError(error, 'sv');
      const en = describeError(error, 'en');
      expect(sv.code).to.equal(code);
      for (const text of [sv.message, en.message]) {
        expect(text, code).not.to.contain('English');
        expect(text, code).not.to.contain('body.start');
        expect(text, code).to.match(/[.!?]$/);
      }
      expect(sv.message, code).not.to.equal(en.message);
      expect(sv.message, code).not.to.equal(describeError(failure('made_up'), 'sv').message);
      seen.add(sv.message);
    }
    // token_expired and unauthorized share one sentence; the rest are each their own.
    expect(seen.size).to.equal(ERROR_CODES.length - 1);
  });

  it('maps known codes to their sentence', () => {
    expect(describeError(failure('validation_failed'), 'sv').message).to.equal('Servern godtog inte uppgifterna. Kontrollera fälten och försök igen.');
    expect(describeError(failure('not_found'), 'en').message).to.equal('It is no longer there – someone may have deleted it. Reload the page.');
    expect(describeError(new TidbokError('network_error', 'fetch failed'), 'sv').message).to.equal('Ingen kontakt med servern. Försök igen om en stund.');
    expect(describeError(failure('forbidden'), 'sv').message).to.equal('Din behörighet räcker inte för det.');
  });

  it('gives unknown codes and non-SDK failures a general sentence', () => {
    expect(describeError(failure('something_new'), 'sv')).to.deep.equal({ code: 'something_new', message: 'Något gick fel. Försök igen.' });
    expect(describeError(new Error('boom'), 'en')).to.deep.equal({ code: 'unknown', message: 'Something went wrong. Try again.' });
  });

  it('a conflict says what is in the way: kind, day, time in the clinic zone and the practitioner', () => {
    const error = failure('conflict', {
      conflictsWith: { kind: 'booking', start: '2027-03-02T08:00:00Z', end: '2027-03-02T09:00:00Z', practitionerId: 'pr_anna' },
    });
    const options = { timeZone: 'Europe/Stockholm', practitionerName: (id: string) => (id === 'pr_anna' ? 'Anna Lind' : undefined) };
    expect(describeError(error, 'sv', 'save', options).message).to.equal('Tiden krockar med en annan bokning för Anna Lind, tis 2 mars 09:00–10:00.');
    expect(describeError(error, 'en', 'save', options).message).to.equal('The time overlaps another booking of Anna Lind, Tue 2 Mar 09:00–10:00.');
    expect(describeError(error, 'sv', 'move', options).message).to.match(/krockar med en annan bokning.*Ändringen ångrades\.$/);
    const hold = failure('conflict', { conflictsWith: { kind: 'hold', start: '2027-03-02T08:00:00Z', end: '2027-03-02T08:30:00Z', practitionerId: 'pr_x' } });
    expect(describeError(hold, 'sv', 'save', options).message).to.equal(
      'Tiden krockar med en tid som en besökare håller på att boka hos behandlaren, tis 2 mars 09:00–09:30.',
    );
  });

  it('a conflict without conflictsWith is about the state; after a move, about the time', () => {
    expect(describeError(failure('conflict'), 'sv').message).to.contain('Ladda om och försök igen.');
    expect(describeError(failure('conflict'), 'sv', 'move').message).to.equal(
      'Tiden krockar med en annan bokning eller reservation för behandlaren. Ändringen ångrades.',
    );
  });
});
