/** A throwaway server could not bind its port: another process holds it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    logTail: string,
  ) {
    super(`Port ${port} is already in use.\n${logTail}`);
    this.name = 'PortInUseError';
  }
}
