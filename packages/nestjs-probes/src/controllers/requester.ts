/**
 * Who made an admin request, for the log: `request.user.id` as the application's guard set it, or
 * `undefined`. Quoted by the messages, so a crafted id cannot forge log lines.
 *
 * @internal
 */
export function requesterOf(request: unknown): string | undefined {
  const user = (request as { user?: unknown } | undefined)?.user;
  if (typeof user !== 'object' || user === null) return undefined;
  const id = (user as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
