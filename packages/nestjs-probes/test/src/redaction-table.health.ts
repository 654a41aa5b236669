import { Injectable } from '@nestjs/common';
import { down, HealthCheck } from 'nestjs-probes';
import { UNDESCRIBABLE_FAILURE } from '../../src/redaction/error.describer';

/** What one check of `RedactionTableHealth` leaks, and what redaction must leave of it. */
export interface RedactionCase {
  /** Must appear neither in the details body nor in any log line. */
  readonly secrets: readonly string[];
  /** Part of the error that must survive, so that blanking everything out cannot pass. */
  readonly keeps?: string;
  /** Fields the redacted details must show. */
  readonly shows?: Record<string, unknown>;
}

const PEM_BODY = 'MIIEpemBodyS3cr3t';
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

const wideObject = (keys: number) =>
  Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]));

/** Every secret shape redaction knows, one check each, keyed by check name. */
export const REDACTION_TABLE = {
  'url-userinfo': {
    secrets: ['url_user', 'url-pw-7a1', 'db-url.internal.example'],
    keeps: 'postgres://***@[host]',
  },
  'url-password-with-delimiters': {
    secrets: ['delim_user', 'Pa/ss', 'ss#w', 'w?rd', 'delim.internal.example'],
    keeps: 'postgres://***@[host]',
  },
  'password-pair': { secrets: ['pair-pw-3c9'], keeps: 'password=***' },
  'token-query': { secrets: ['query-t0ken-5d2', 'api.example.com'], keeps: 'answered 500' },
  'bearer-token': { secrets: ['opaque-b3arer-8e4'], keeps: 'answered 401' },
  'prefixed-env-password': { secrets: ['env-pw-1b7'], keeps: 'DB_PASSWORD=***' },
  'glued-prefix-password': { secrets: ['pg-pw-6f0'], keeps: 'PGPASSWORD=***' },
  'client-secret': { secrets: ['client-s3cret-2a8'], keeps: 'client_secret=***' },
  'access-token-query': { secrets: ['access-t0ken-9c3'], keeps: 'access_token=***' },
  'refresh-token': { secrets: ['refresh-t0ken-4e5'], keeps: 'refresh_token=***' },
  'aws-secret-access-key': {
    secrets: ['wJalrXUtnFEMI/K7MDENG'],
    keeps: 'aws_secret_access_key=***',
  },
  'json-prefixed-keys': { secrets: ['json-pw-7d1', 'json-pw-8d2'], keeps: '"db_password":"***"' },
  'thrown-object': { secrets: ['object-pw-5a3'], keeps: '"dbPassword":"***"' },
  'bare-jwt': {
    secrets: ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJhZG1pbiJ9', 'c2VjcmV0LXNpZw'],
    keeps: 'rejected',
  },
  'aws-access-key-id': { secrets: ['AKIAIOSFODNN7EXAMPLE'], keeps: 'AccessDenied' },
  'pem-private-key': { secrets: [PEM_BODY], keeps: '[private key]' },
  'pem-private-key-cut-short': { secrets: [PEM_BODY], keeps: '[private key]' },
  'token-prose': { secrets: ['prose-t0ken-3f6'], keeps: 'invalid token ***' },
  'apikey-prose': { secrets: ['prose-apikey-1c4'], keeps: 'apikey ***' },
  'password-is-prose': { secrets: ['prose-pw-2b9'], keeps: 'password is ***' },
  'password-colon-prose': { secrets: ['colon-pw-6e1'], keeps: 'password: ***' },
  'secret-in-code': { secrets: ['code-s3cret-4d8'], keeps: 'authentication failed' },
  ipv4: { secrets: ['10.20.30.40'], keeps: 'ECONNREFUSED' },
  'ipv6-compressed': { secrets: ['fd00:dead:beef'], keeps: 'ECONNREFUSED' },
  'ipv6-full': { secrets: ['2001:db8:85a3', '8a2e:370:7334'], keeps: 'ECONNREFUSED' },
  'name-port': { secrets: ['cache-port.internal.example'], keeps: 'refused' },
  'enotfound-host': { secrets: ['redis-dns.internal.example'], keeps: 'ENOTFOUND' },
  'host-without-port': { secrets: ['db.prod.internal', 'prod.internal'], keeps: 'cannot reach' },
  'tls-altnames': {
    secrets: ['tls.prod.internal', 'corp.example.com'],
    keeps: 'ERR_TLS_CERT_ALTNAME_INVALID',
  },
  'loopback-name': { secrets: ['localhost'], keeps: 'refused' },
  'details-subtree': {
    secrets: ['subtree-pw-5c7', 'boxed-pw-1a2', 'header-key-8b3', 'cookie-9d4', 'env-detail-2f6'],
    shows: {
      password: '***',
      dbPassword: '***',
      privateKey: '***',
      DB_PASSWORD: '***',
      headers: { 'x-api-key': '***', 'set-cookie': '***', accept: 'application/json' },
    },
  },
  'details-bulky': {
    secrets: ['map-pw-3e8'],
    shows: {
      payload: '[binary 1048576 bytes]',
      boxed: 'connect to [host] refused',
      wide: { '[more]': '99950 more keys' },
      map: { password: '***', size: 2 },
      broken: '[unreadable]',
    },
  },
  'hostile-proxy': { secrets: ['proxy-pw-7c2'], keeps: UNDESCRIBABLE_FAILURE },
} satisfies Record<string, RedactionCase>;

/** One non-critical check per entry of `REDACTION_TABLE`, failing with the secret it names. */
@Injectable()
export class RedactionTableHealth {
  @HealthCheck({ name: 'url-userinfo', critical: false, ttl: 0 })
  urlUserinfo(): never {
    throw new Error('cannot reach postgres://url_user:url-pw-7a1@db-url.internal.example:5432/x');
  }

  @HealthCheck({ name: 'url-password-with-delimiters', critical: false, ttl: 0 })
  urlPasswordWithDelimiters(): never {
    throw new Error('cannot reach postgres://delim_user:Pa/ss#w?rd@delim.internal.example/x');
  }

  @HealthCheck({ name: 'password-pair', critical: false, ttl: 0 })
  passwordPair(): never {
    throw new Error('authentication failed with password=pair-pw-3c9');
  }

  @HealthCheck({ name: 'token-query', critical: false, ttl: 0 })
  tokenQuery(): never {
    throw new Error('GET https://api.example.com/v1?token=query-t0ken-5d2&region=eu answered 500');
  }

  @HealthCheck({ name: 'bearer-token', critical: false, ttl: 0 })
  bearerToken(): never {
    throw new Error('upstream answered 401 to Authorization: Bearer opaque-b3arer-8e4');
  }

  @HealthCheck({ name: 'prefixed-env-password', critical: false, ttl: 0 })
  prefixedEnvPassword() {
    return down('login failed: DB_PASSWORD=env-pw-1b7 rejected');
  }

  @HealthCheck({ name: 'glued-prefix-password', critical: false, ttl: 0 })
  gluedPrefixPassword(): never {
    throw new Error('psql exited 2 with PGPASSWORD=pg-pw-6f0');
  }

  @HealthCheck({ name: 'client-secret', critical: false, ttl: 0 })
  clientSecret(): never {
    throw new Error('POST /oauth/token client_id=app&client_secret=client-s3cret-2a8 answered 400');
  }

  @HealthCheck({ name: 'access-token-query', critical: false, ttl: 0 })
  accessTokenQuery(): never {
    throw new Error('GET /v1/me?access_token=access-t0ken-9c3&fields=id answered 401');
  }

  @HealthCheck({ name: 'refresh-token', critical: false, ttl: 0 })
  refreshToken() {
    return down('refresh_token=refresh-t0ken-4e5 was revoked');
  }

  @HealthCheck({ name: 'aws-secret-access-key', critical: false, ttl: 0 })
  awsSecretAccessKey(): never {
    throw new Error('sts rejected aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCY');
  }

  @HealthCheck({ name: 'json-prefixed-keys', critical: false, ttl: 0 })
  jsonPrefixedKeys(): never {
    throw new Error('bad config {"db_password":"json-pw-7d1","dbPassword":"json-pw-8d2"}');
  }

  @HealthCheck({ name: 'thrown-object', critical: false, ttl: 0 })
  thrownObject(): never {
    throw { reason: 'down', dbPassword: 'object-pw-5a3' };
  }

  @HealthCheck({ name: 'bare-jwt', critical: false, ttl: 0 })
  bareJwt(): never {
    throw new Error('rejected eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2VjcmV0LXNpZw');
  }

  @HealthCheck({ name: 'aws-access-key-id', critical: false, ttl: 0 })
  awsAccessKeyId(): never {
    throw withCode('AccessDenied for AKIAIOSFODNN7EXAMPLE', 'AccessDenied');
  }

  @HealthCheck({ name: 'pem-private-key', critical: false, ttl: 0 })
  pemPrivateKey(): never {
    throw new Error(
      `bad key -----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`,
    );
  }

  @HealthCheck({ name: 'pem-private-key-cut-short', critical: false, ttl: 0 })
  pemPrivateKeyCutShort(): never {
    throw new Error(`bad key -----BEGIN PRIVATE KEY-----\n${PEM_BODY.repeat(300)}`);
  }

  @HealthCheck({ name: 'token-prose', critical: false, ttl: 0 })
  tokenProse(): never {
    throw new Error('invalid token prose-t0ken-3f6');
  }

  @HealthCheck({ name: 'apikey-prose', critical: false, ttl: 0 })
  apikeyProse() {
    return down('apikey prose-apikey-1c4 rejected');
  }

  @HealthCheck({ name: 'password-is-prose', critical: false, ttl: 0 })
  passwordIsProse(): never {
    throw new Error('login failed: password is prose-pw-2b9');
  }

  @HealthCheck({ name: 'password-colon-prose', critical: false, ttl: 0 })
  passwordColonProse(): never {
    throw new Error('login failed, password: colon-pw-6e1');
  }

  @HealthCheck({ name: 'secret-in-code', critical: false, ttl: 0 })
  secretInCode(): never {
    throw withCode('authentication failed', 'code-s3cret-4d8');
  }

  @HealthCheck({ name: 'ipv4', critical: false, ttl: 0 })
  ipv4(): never {
    throw withCode('connect ECONNREFUSED 10.20.30.40:6379', 'ECONNREFUSED');
  }

  @HealthCheck({ name: 'ipv6-compressed', critical: false, ttl: 0 })
  ipv6Compressed(): never {
    throw withCode('connect ECONNREFUSED fd00:dead:beef::17:5432', 'ECONNREFUSED');
  }

  @HealthCheck({ name: 'ipv6-full', critical: false, ttl: 0 })
  ipv6Full(): never {
    throw withCode('connect ECONNREFUSED 2001:db8:85a3:0:0:8a2e:370:7334', 'ECONNREFUSED');
  }

  @HealthCheck({ name: 'name-port', critical: false, ttl: 0 })
  namePort(): never {
    throw new Error('cache-port.internal.example:6379 refused the connection');
  }

  @HealthCheck({ name: 'enotfound-host', critical: false, ttl: 0 })
  enotfoundHost(): never {
    throw withCode('getaddrinfo ENOTFOUND redis-dns.internal.example', 'ENOTFOUND');
  }

  @HealthCheck({ name: 'host-without-port', critical: false, ttl: 0 })
  hostWithoutPort() {
    return down('cannot reach db.prod.internal');
  }

  @HealthCheck({ name: 'tls-altnames', critical: false, ttl: 0 })
  tlsAltnames(): never {
    throw withCode(
      "Hostname/IP does not match certificate's altnames: Host: tls.prod.internal. " +
        "is not in the cert's altnames: DNS:*.corp.example.com",
      'ERR_TLS_CERT_ALTNAME_INVALID',
    );
  }

  @HealthCheck({ name: 'loopback-name', critical: false, ttl: 0 })
  loopbackName(): never {
    throw new Error('redis on localhost refused the connection');
  }

  @HealthCheck({ name: 'details-subtree', critical: false, ttl: 0 })
  detailsSubtree() {
    return down('details carry secrets', {
      password: { value: 'subtree-pw-5c7' },
      dbPassword: new String('boxed-pw-1a2'),
      privateKey: Buffer.from('subtree-pw-5c7'),
      DB_PASSWORD: 'env-detail-2f6',
      headers: {
        'x-api-key': 'header-key-8b3',
        'set-cookie': ['sid=cookie-9d4'],
        accept: 'application/json',
      },
    });
  }

  @HealthCheck({ name: 'details-bulky', critical: false, ttl: 0 })
  detailsBulky() {
    return down('details too big to walk', {
      payload: Buffer.alloc(1024 * 1024, 'A'),
      boxed: new String('connect to redis.prod.internal refused'),
      wide: wideObject(100_000),
      map: new Map<string, unknown>([
        ['password', 'map-pw-3e8'],
        ['size', 2],
      ]),
      get broken(): never {
        throw new Error('getter exploded');
      },
    });
  }

  @HealthCheck({ name: 'hostile-proxy', critical: false, ttl: 0 })
  hostileProxy(): never {
    const explode = () => {
      throw new Error('trap exploded');
    };
    throw new Proxy(
      { password: 'proxy-pw-7c2' },
      { getPrototypeOf: explode, get: explode, has: explode, ownKeys: explode },
    );
  }
}
