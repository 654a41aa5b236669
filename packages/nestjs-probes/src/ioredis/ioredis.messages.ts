/** @internal */
export const IOREDIS_NOT_READY = (status: string) =>
  `the ioredis client is "${status}", not "ready"; no command sent, since it would wait in the offline queue`;
