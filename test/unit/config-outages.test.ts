import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { isConnectionFailure } from '../../src/errors.ts';

const load = (env: Record<string, string>) => loadConfig({ TESSERA_DEMO: '0', ...env }, '/tmp');

describe('shutdown grace and Retry-After', () => {
  it('default to 10 s and 5 s, and take whole seconds from the environment', () => {
    expect(load({})).toMatchObject({ shutdownGraceSeconds: 10, retryAfterSeconds: 5 });
    expect(load({ TESSERA_SHUTDOWN_GRACE_SECONDS: '30', TESSERA_RETRY_AFTER_SECONDS: ' 2 ' })).toMatchObject({
      shutdownGraceSeconds: 30,
      retryAfterSeconds: 2,
    });
    expect(load({ TESSERA_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceSeconds).toBe(0);
  });

  it('refuse anything else, naming the variable', () => {
    for (const [name, value] of [
      ['TESSERA_SHUTDOWN_GRACE_SECONDS', '-1'],
      ['TESSERA_SHUTDOWN_GRACE_SECONDS', '1.5'],
      ['TESSERA_SHUTDOWN_GRACE_SECONDS', 'ten'],
      ['TESSERA_RETRY_AFTER_SECONDS', '0'],
      ['TESSERA_RETRY_AFTER_SECONDS', '99999'],
    ] as const) {
      expect(() => load({ [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => load({ [name]: value })).toThrow(new RegExp(`^${name} must`));
    }
  });
});

describe('a database that cannot be reached', () => {
  it('is told from other database failures by its code or the driver’s words, also inside an ORM exception', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '53300', '08006', '08003']) {
      expect(isConnectionFailure(Object.assign(new Error('x'), { code })), code).toBe(true);
    }
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFailure(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isConnectionFailure(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    // A statement's failure, a refused password or a missing database is something else.
    for (const code of ['42P01', '23505', '28P01', '3D000', '57014', undefined]) {
      expect(isConnectionFailure(Object.assign(new Error('relation "x" does not exist'), { code })), String(code)).toBe(false);
    }
    expect(isConnectionFailure('ECONNREFUSED')).toBe(false);
    expect(isConnectionFailure(null)).toBe(false);
  });
});
