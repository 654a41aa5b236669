import { SingleOutstandingCall } from './single-outstanding-call.util';

describe('SingleOutstandingCall', () => {
  it('passes a call through and its value back', async () => {
    const calls = new SingleOutstandingCall('PING');
    await expect(calls.run(async () => 'PONG')).resolves.toBe('PONG');
    expect(calls.pending).toBe(false);
  });

  it('refuses a second call while the first is unanswered, without making it', async () => {
    const calls = new SingleOutstandingCall('PING');
    let answer!: (value: string) => void;
    const first = calls.run(() => new Promise<string>((resolve) => (answer = resolve)));
    const second = jest.fn(async () => 'PONG');
    await expect(calls.run(second)).rejects.toThrow(/^no answer to the previous PING for \d+ ms/);
    expect(second).not.toHaveBeenCalled();
    answer('PONG');
    await expect(first).resolves.toBe('PONG');
    await expect(calls.run(second)).resolves.toBe('PONG');
  });

  it('is free again once a call rejects, and hands the rejection to the caller', async () => {
    const calls = new SingleOutstandingCall('query');
    await expect(calls.run(() => Promise.reject(new Error('ECONNREFUSED')))).rejects.toThrow(
      'ECONNREFUSED',
    );
    expect(calls.pending).toBe(false);
  });

  it('turns a call that throws synchronously into a rejection, and stays free', async () => {
    const calls = new SingleOutstandingCall('query');
    await expect(
      calls.run(() => {
        throw new Error('no pool');
      }),
    ).rejects.toThrow('no pool');
    expect(calls.pending).toBe(false);
  });
});
