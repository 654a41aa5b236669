import { describeCause } from './probe-request.util';

describe('describeCause', () => {
  it('gives the message of a network error, which already names its code', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), {
      code: 'ECONNREFUSED',
    });
    expect(describeCause(error)).toBe('connect ECONNREFUSED 127.0.0.1:3000');
  });

  it('prefixes the code when the message lacks it', () => {
    const error = Object.assign(new Error('certificate has expired'), {
      code: 'CERT_HAS_EXPIRED',
    });
    expect(describeCause(error)).toBe('CERT_HAS_EXPIRED: certificate has expired');
  });

  it('joins the distinct messages of an AggregateError without its own message', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const error = new AggregateError([refused('::1:3000'), refused('127.0.0.1:3000')], '');
    expect(describeCause(error)).toBe(
      'connect ECONNREFUSED ::1:3000; connect ECONNREFUSED 127.0.0.1:3000',
    );
  });

  it('keeps one line, and describes a non-Error', () => {
    expect(describeCause(new Error('first\nsecond'))).toBe('first');
    expect(describeCause('boom')).toBe('boom');
  });
});
