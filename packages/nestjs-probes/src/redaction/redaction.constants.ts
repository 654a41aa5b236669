/** @internal What a masked secret reads. */
export const REDACTED = '***';

/** @internal A key ending in one of these names a secret: `DB_PASSWORD`, `PGPASSWORD`, `clientSecret`. */
export const SECRET_WORD =
  'passwords?|passwd|pwd|pass|passphrase|secrets?|tokens?|api[_-]?keys?|access[_-]?keys?|' +
  'secret[_-]?keys?|private[_-]?keys?|auth|authorization|credentials?|session[_-]?ids?|' +
  'cookies?|jwt';
