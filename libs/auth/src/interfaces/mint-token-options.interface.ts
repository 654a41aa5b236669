/**
 * What `TokenService.mint()` signs.
 *
 * @publicApi
 */
export interface MintTokenOptions {
  /** Becomes the `sub` claim and `request.user.id`. */
  subject: string;
  /** Becomes the `roles` claim and `request.user.roles`. */
  roles: string[];
  /**
   * Lifetime: seconds as a number or digit-only string, or a timespan such as `'30m'` or `'2h'`.
   * @default '1h'
   */
  expiresIn?: string | number;
}
