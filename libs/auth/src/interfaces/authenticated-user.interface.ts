/**
 * What `JwtAuthGuard` puts on `request.user` for a valid bearer token.
 *
 * @publicApi
 */
export interface AuthenticatedUser {
  /** The token's subject (`sub` claim). */
  id: string;
  /** The token's `roles` claim. */
  roles: string[];
}
