/**
 * The cheapest round trip each database understands.
 *
 * @internal
 */
export function pingQueryFor(type: string): string {
  switch (type) {
    case 'oracle':
      return 'SELECT 1 FROM DUAL';
    case 'sap':
      return 'SELECT 1 FROM DUMMY';
    default:
      return 'SELECT 1';
  }
}
