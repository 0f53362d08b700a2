import net from 'node:net';
import path from 'node:path';

/** Typed, validated configuration. Only `main.ts` and `cli.ts` read the environment. */
export interface Config {
  /** Metadata database; undefined means "start the embedded PostgreSQL". */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  /** Undefined only before `main.ts` generated one into the data dir (embedded mode). */
  secretKey: string | undefined;
  demo: boolean;
  /** `TESSERA_INTROSPECTION`: who may introspect the schema (`public` in demo mode, `authenticated` otherwise). */
  introspection: 'public' | 'authenticated';
  publicUrl: string;
  /** `SMTP_URL` (smtp:// or smtps://); undefined → mail stays in the outbox. Holds credentials: never log it. */
  smtpUrl: string | undefined;
  /** `TESSERA_MAIL_FROM`: the From of outgoing mail. */
  mailFrom: string;
  /** Delivery attempts per mail before it is marked failed (retried with exponential backoff). */
  mailMaxAttempts: number;
  logLevel: string;
  /** Lifetime of session tokens. */
  sessionTtlSeconds: number;
  /** Largest request body accepted, in bytes (1 MiB: room for an `importUsers` CSV of up to 960 KiB). */
  maxBodyBytes: number;
  /** `TESSERA_DATA_SOURCE_ALLOW`: where data sources may point; undefined → any host but the always-refused ones. */
  dataSourceAllow: DataSourceAllowList | undefined;
  /** Proxy hops of `X-Forwarded-For` trusted for the client address; 0 = the socket's address. */
  trustProxy: number;
  /** Sign-in attempts allowed per account and per client address in a window (shared by all instances). */
  signInLimits: SignInLimits;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` is set: spans are exported over OTLP (the exporter reads the variable). */
  tracing: boolean;
  /** `TESSERA_CORS_ORIGINS`: browser origins allowed to call the gateway; empty → no cross-origin access. */
  corsOrigins: string[];
  /** `TESSERA_RETRY_AFTER_SECONDS`: the `Retry-After` of a 503 (metadata database unreachable, or draining). */
  retryAfterSeconds: number;
  /** `TESSERA_SHUTDOWN_GRACE_SECONDS`: on SIGTERM, how long in-flight requests may take to finish. */
  shutdownGraceSeconds: number;
  /** CSV exports: the most rows one may have (`TESSERA_EXPORT_MAX_ROWS`), its statement timeout, and how long a download link lives. */
  exports: ExportLimits;
  /** How much work the gateway puts on each data source, and how much one principal may ask for (docs/operations.md). */
  warehouse: WarehouseLimits;
  /** How often the metadata cache's change feed is checked with a round trip; three missed intervals turn the cache off. */
  metadataHeartbeatMs: number;
}

export interface WarehouseLimits {
  /** `TESSERA_WAREHOUSE_CONCURRENCY`: statements running at once per data source in this process (also its pool's size). */
  concurrency: number;
  /** `TESSERA_WAREHOUSE_QUEUE`: statements waiting per data source beyond those; one more is refused with UNAVAILABLE. */
  queueMax: number;
  /** `TESSERA_WAREHOUSE_QUEUE_TIMEOUT_SECONDS` (in ms): how long a statement waits in the queue before UNAVAILABLE. */
  queueWaitMs: number;
  /** `TESSERA_DATA_SOURCE_POOLS_MAX`: data source pools kept open by this process (the least recently used idle one closes). */
  maxPools: number;
  /** A pool unused this long is closed. */
  poolIdleMs: number;
  /** `TESSERA_RESULT_CACHE_MAX_MB` (in bytes): the widget result cache's bound, by the results' approximate JSON size. */
  resultCacheMaxBytes: number;
  /** `TESSERA_QUERY_RATE_LIMIT`: warehouse statements one principal may cause per minute, over all instances. */
  queriesPerMinute: number;
}

export interface ExportLimits {
  maxRows: number;
  statementTimeoutMs: number;
  linkTtlSeconds: number;
}

export interface SignInLimits {
  accountAttempts: number;
  addressAttempts: number;
  windowSeconds: number;
}

/** Hostnames (`*.example.com` for subdomains) and CIDRs that data sources may connect to. */
export interface DataSourceAllowList {
  hostnames: string[];
  cidrs: { network: string; prefix: number; family: 'ipv4' | 'ipv6' }[];
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function flag(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (got "${value}")`);
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const portText = env.PORT?.trim() || '4000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535 (got "${portText}")`);
  }
  const secretKey = env.TESSERA_SECRET_KEY || undefined;
  if (secretKey !== undefined && secretKey.length < 32) {
    throw new ConfigError('TESSERA_SECRET_KEY must be at least 32 characters long');
  }
  if (databaseUrl && secretKey === undefined) {
    throw new ConfigError('TESSERA_SECRET_KEY is required when DATABASE_URL is set (at least 32 characters)');
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const publicUrl = (env.TESSERA_PUBLIC_URL?.trim() || `http://${host}:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`TESSERA_PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  const smtpUrl = smtpUrlOf(env.SMTP_URL);
  const mailFrom = env.TESSERA_MAIL_FROM?.trim() || `Tessera <no-reply@${mailDomain(publicUrl)}>`;
  if (mailFrom.length > 320 || /[\r\n]/.test(mailFrom) || !/@[^\s@<>]+>?$/.test(mailFrom)) {
    throw new ConfigError(`TESSERA_MAIL_FROM must be an address such as "Tessera <no-reply@example.com>" (got "${mailFrom.slice(0, 100)}")`);
  }
  const trustProxyText = env.TESSERA_TRUST_PROXY?.trim() || '0';
  const trustProxy = Number(trustProxyText);
  if (!/^\d+$/.test(trustProxyText) || trustProxy > 20) {
    throw new ConfigError(`TESSERA_TRUST_PROXY must be a number of proxy hops between 0 and 20 (got "${trustProxyText}")`);
  }
  const demo = flag(env.TESSERA_DEMO, 'TESSERA_DEMO', databaseUrl === undefined);
  const introspection = (env.TESSERA_INTROSPECTION?.trim() || (demo ? 'public' : 'authenticated')).toLowerCase();
  if (introspection !== 'public' && introspection !== 'authenticated') {
    throw new ConfigError(`TESSERA_INTROSPECTION must be "public" or "authenticated" (got "${env.TESSERA_INTROSPECTION}")`);
  }
  const maxRowsText = env.TESSERA_EXPORT_MAX_ROWS?.trim() || '5000000';
  const maxRows = Number(maxRowsText);
  if (!/^\d+$/.test(maxRowsText) || maxRows < 1 || maxRows > 100_000_000) {
    throw new ConfigError(`TESSERA_EXPORT_MAX_ROWS must be a number of rows between 1 and 100000000 (got "${maxRowsText}")`);
  }
  const warehouse: WarehouseLimits = {
    concurrency: integer(env, 'TESSERA_WAREHOUSE_CONCURRENCY', 10, 1, 1000),
    queueMax: integer(env, 'TESSERA_WAREHOUSE_QUEUE', 100, 0, 100_000),
    queueWaitMs: integer(env, 'TESSERA_WAREHOUSE_QUEUE_TIMEOUT_SECONDS', 10, 1, 600) * 1000,
    maxPools: integer(env, 'TESSERA_DATA_SOURCE_POOLS_MAX', 50, 1, 10_000),
    poolIdleMs: 5 * 60_000,
    resultCacheMaxBytes: integer(env, 'TESSERA_RESULT_CACHE_MAX_MB', 64, 0, 1_000_000) * 1024 * 1024,
    queriesPerMinute: integer(env, 'TESSERA_QUERY_RATE_LIMIT', 600, 1, 1_000_000),
  };
  const retryAfterSeconds = seconds(env, 'TESSERA_RETRY_AFTER_SECONDS', 5, 1, 3600);
  const shutdownGraceSeconds = seconds(env, 'TESSERA_SHUTDOWN_GRACE_SECONDS', 10, 0, 3600);
  return {
    databaseUrl,
    host,
    port,
    dataDir: path.resolve(cwd, env.TESSERA_DATA_DIR?.trim() || '.tessera'),
    secretKey,
    demo,
    introspection,
    publicUrl,
    smtpUrl,
    mailFrom,
    mailMaxAttempts: 8,
    logLevel,
    sessionTtlSeconds: 12 * 3600,
    maxBodyBytes: 1024 * 1024,
    dataSourceAllow: dataSourceAllowList(env.TESSERA_DATA_SOURCE_ALLOW),
    trustProxy,
    signInLimits: { accountAttempts: 10, addressAttempts: 100, windowSeconds: 15 * 60 },
    tracing: Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()),
    corsOrigins: corsOrigins(env.TESSERA_CORS_ORIGINS),
    retryAfterSeconds,
    shutdownGraceSeconds,
    exports: { maxRows, statementTimeoutMs: 10 * 60_000, linkTtlSeconds: 5 * 60 },
    warehouse,
    metadataHeartbeatMs: 5_000,
  };
}

/** A whole number from the environment between `min` and `max`, or `fallback` when unset. */
function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, unit = 'whole number'): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new ConfigError(`${name} must be a ${unit} between ${min} and ${max} (got "${text.slice(0, 40)}")`);
  return value;
}

/** A whole number of seconds between `min` and `max`, or `fallback` when unset. */
function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  return integer(env, name, fallback, min, max, 'number of seconds');
}

/**
 * Each entry an exact origin as browsers send it (`https://app.example.com`, `http://localhost:3000`):
 * scheme, host and port only. No wildcard: the list says which partners' pages may call.
 */
function corsOrigins(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const origins = entries.map((entry) => {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const bare = url && url.pathname === '/' && !entry.includes('*') && !/[?#@]/.test(entry);
    if (!url || !bare || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError(
        `TESSERA_CORS_ORIGINS: "${entry}" is not an origin (comma-separated scheme://host[:port] with http or https, no path and no wildcard, e.g. "https://partner.example.com,http://localhost:3000")`,
      );
    }
    return url.origin;
  });
  return [...new Set(origins)];
}

/** The URL is checked, never echoed: it may carry the SMTP password. */
function smtpUrlOf(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must be an smtp:// or smtps:// URL (got the scheme "${url.protocol.slice(0, 20)}")`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL must name the SMTP server, e.g. smtp://smtp.example.com:587');
  return text;
}

/** The public URL's host name, or `localhost` for an IP address (an address literal is no mail domain). */
function mailDomain(publicUrl: string): string {
  const hostname = new URL(publicUrl).hostname;
  return net.isIP(hostname.replace(/^\[|\]$/g, '')) === 0 && hostname.includes('.') ? hostname : 'localhost';
}

const HOSTNAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function dataSourceAllowList(value: string | undefined): DataSourceAllowList | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const list: DataSourceAllowList = { hostnames: [], cidrs: [] };
  for (const entry of entries) {
    const [network = '', prefixText, extra] = entry.split('/');
    const family = net.isIP(network);
    if (family !== 0 && extra === undefined) {
      const max = family === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!/^\d+$/.test(prefixText ?? '0') || !Number.isInteger(prefix) || prefix > max) {
        throw new ConfigError(`TESSERA_DATA_SOURCE_ALLOW: "${entry}" is not a valid CIDR (the prefix must be 0 to ${max})`);
      }
      list.cidrs.push({ network, prefix, family: family === 4 ? 'ipv4' : 'ipv6' });
    } else if (prefixText === undefined && entry.length <= 255 && HOSTNAME.test(entry)) {
      list.hostnames.push(entry);
    } else {
      throw new ConfigError(`TESSERA_DATA_SOURCE_ALLOW: "${entry}" is neither a hostname nor a CIDR (comma-separated, e.g. "db.example.com,10.0.0.0/8")`);
    }
  }
  return list;
}
