import { PREVIOUS_CALL_UNANSWERED } from '../ready-made/ready-made.messages';

/**
 * Lets at most one call to a dependency be outstanding. A call the dependency never answers (a
 * frozen server) outlives the check's timeout; sending another on every probe would pile waiters
 * onto its pool or queue. While one is pending, `run()` fails at once instead.
 *
 * @internal
 */
export class SingleOutstandingCall {
  private pendingSince?: number;

  constructor(private readonly what: string) {}

  get pending(): boolean {
    return this.pendingSince !== undefined;
  }

  run<T>(call: () => Promise<T>): Promise<T> {
    if (this.pendingSince !== undefined) {
      return Promise.reject(
        new Error(PREVIOUS_CALL_UNANSWERED(this.what, performance.now() - this.pendingSince)),
      );
    }
    this.pendingSince = performance.now();
    const settle = (): void => {
      this.pendingSince = undefined;
    };
    let promise: Promise<T>;
    try {
      promise = call();
    } catch (error) {
      settle();
      return Promise.reject(error);
    }
    promise.then(settle, settle);
    return promise;
  }
}
