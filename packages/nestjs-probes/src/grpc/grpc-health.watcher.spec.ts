import { Subject } from 'rxjs';
import { SERVING_STATUS, type ServingStatus } from './grpc-health.constants';
import { GrpcHealthWatcher, type ServingStatusMessage } from './grpc-health.watcher';
import { type GrpcServingStatusReader, type ServingReading } from './grpc-serving-status.reader';

const { SERVING, NOT_SERVING, SERVICE_UNKNOWN } = SERVING_STATUS;

/** A reader whose next reads the test scripts: a status, or a promise it settles itself. */
function fakeReader() {
  const changes = new Subject<void>();
  const reads: ServingReading[] = [];
  const reader = {
    readProbe: jest.fn(() => reads.shift() ?? SERVING),
    changes: () => [changes],
  };
  return {
    reader: reader as unknown as GrpcServingStatusReader,
    reads,
    changes,
    spy: reader.readProbe,
  };
}

function deferred() {
  let resolve!: (status: ServingStatus) => void;
  const promise = new Promise<ServingStatus>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('GrpcHealthWatcher', () => {
  const watchers: GrpcHealthWatcher[] = [];
  const watcherOf = (reader: GrpcServingStatusReader, watchInterval: number) => {
    const watcher = new GrpcHealthWatcher(reader, { watchInterval });
    watchers.push(watcher);
    return watcher;
  };

  afterEach(async () => {
    jest.useRealTimers();
    // Ends the streams a test left open, and their timer.
    await Promise.all(watchers.splice(0).map((watcher) => watcher.beforeApplicationShutdown()));
  });

  it('sends the current status at once, then only changes', () => {
    const { reader, reads, changes } = fakeReader();
    const watcher = watcherOf(reader, 60_000);
    const seen: ServingStatusMessage[] = [];
    watcher.watch('readiness').subscribe((message) => seen.push(message));
    reads.push(SERVING, NOT_SERVING, NOT_SERVING, SERVING);
    for (let i = 0; i < 4; i++) changes.next();
    expect(seen.map((m) => m.status)).toEqual([SERVING, NOT_SERVING, SERVING]);
  });

  it('drops a slow read that ends after a newer one: the last status sent is the newest', async () => {
    const { reader, reads, changes } = fakeReader();
    const watcher = watcherOf(reader, 60_000);
    const seen: ServingStatus[] = [];
    const slow = deferred();
    reads.push(SERVING, slow.promise, NOT_SERVING);
    watcher.watch('').subscribe(({ status }) => seen.push(status));
    changes.next(); // the slow read starts
    changes.next(); // a newer read answers at once
    slow.resolve(SERVING);
    await flush();
    expect(seen).toEqual([SERVING, NOT_SERVING]);
  });

  it('reads again every watchInterval while a stream is open, and stops with the last one', () => {
    jest.useFakeTimers();
    const { reader, spy } = fakeReader();
    const watcher = watcherOf(reader, 1_000);
    const first = watcher.watch('liveness').subscribe();
    const second = watcher.watch('startup').subscribe();
    expect(spy).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(3_000);
    expect(spy).toHaveBeenCalledTimes(8); // one shared timer, both streams read each tick
    first.unsubscribe();
    second.unsubscribe();
    jest.advanceTimersByTime(10_000);
    expect(spy).toHaveBeenCalledTimes(8);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends SERVICE_UNKNOWN once for an unknown name, reads nothing, and stays open', () => {
    jest.useFakeTimers();
    const { reader, spy, changes } = fakeReader();
    const watcher = watcherOf(reader, 100);
    const seen: ServingStatus[] = [];
    let completed = false;
    watcher.watch('payments').subscribe({
      next: ({ status }) => seen.push(status),
      complete: () => (completed = true),
    });
    changes.next();
    jest.advanceTimersByTime(1_000);
    expect(seen).toEqual([SERVICE_UNKNOWN]);
    expect(spy).not.toHaveBeenCalled();
    expect(completed).toBe(false);
  });

  it('completes every stream at shutdown, and a stream opened after it at once', async () => {
    const { reader } = fakeReader();
    const watcher = watcherOf(reader, 60_000);
    const completed: string[] = [];
    for (const name of ['readiness', 'payments']) {
      watcher.watch(name).subscribe({ complete: () => completed.push(name) });
    }
    await watcher.beforeApplicationShutdown();
    expect(completed).toEqual(['readiness', 'payments']);
    watcher.watch('liveness').subscribe({ complete: () => completed.push('late') });
    expect(completed).toContain('late');
  });
});
