import { CHECK_OVERRAN, CHECK_RESULT_UNDESCRIBABLE } from '../health.messages';
import { describeError, detailsOfError } from '../redaction/error.describer';
import { redactDetails } from '../redaction/details.redactor';
import { redactSecrets } from '../redaction/secret-text.redactor';
import { type Settled } from '../utils/run-with-timeout.util';
import { type CheckOutcome } from './check-result.interface';
import { interpretCheckValue, type CheckReading } from './check-value.interpreter';

/**
 * What a run means, redacted. Total: a hostile value (a Proxy, a throwing getter or `toString`, a
 * null-prototype reason) is the check's failure, and one the library cannot even describe is still
 * `down`, so the run in flight always settles (#9).
 *
 * @internal
 */
export function readOutcome(
  settled: Settled<unknown>,
  durationMs: number,
  timeoutMs: number,
): CheckOutcome {
  try {
    if (!settled.ok) return failureOf(settled.error);
    // A check that kept the event loop busy past its timeout settles before the timer can fire.
    if (durationMs > timeoutMs) {
      return { status: 'down', error: CHECK_OVERRAN(durationMs, timeoutMs) };
    }
    return readValue(settled.value);
  } catch {
    return { status: 'down', error: CHECK_RESULT_UNDESCRIBABLE };
  }
}

function readValue(value: unknown): CheckOutcome {
  let reading: CheckReading;
  try {
    reading = interpretCheckValue(value);
  } catch (error) {
    return failureOf(error);
  }
  const { status, error, details } = reading;
  return {
    status,
    ...(error !== undefined && { error: describeReason(error) }),
    ...(details !== undefined && { details: safeRedact(details) }),
  };
}

function failureOf(error: unknown): CheckOutcome {
  const details = detailsOfError(error);
  return {
    status: 'down',
    error: describeError(error),
    ...(details !== undefined && { details: safeRedact(details) }),
  };
}

/** The reason given to `down()` or `degraded()`: meant to be a string, but anything may come. */
function describeReason(reason: unknown): string {
  return typeof reason === 'string' ? redactSecrets(reason) : describeError(reason);
}

function safeRedact(details: object): Record<string, unknown> | undefined {
  try {
    return redactDetails(details);
  } catch {
    return undefined;
  }
}
