/**
 * Bad command-line usage of the `nestjs-probes` command: the message says what is wrong, and the
 * command exits 1 after printing it with the usage line.
 *
 * @internal
 */
export class ProbeUsageError extends Error {
  override readonly name = 'ProbeUsageError';
}
