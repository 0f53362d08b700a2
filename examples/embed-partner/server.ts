import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { signEmbedToken, type AttributeValue } from './embed-token.ts';

/**
 * An embedding partner's web server, in one file with no dependencies (Node.js 24 runs it as is):
 *
 * - `GET /` serves a page (index.html, no framework) that asks this server for an embed token,
 *   reads the dashboard's widgets and their data from Tessera with it, and draws each widget as a
 *   table and a bar chart.
 * - `GET /token` signs a fresh, short-lived embed token for the configured end user.
 *
 * In a real application `/token` first authenticates the partner's own user (its session cookie)
 * and takes that user's attribute values from the partner's database: whoever can call `/token`
 * can read what the token allows. Here one end user is configured, by environment:
 *
 *   TESSERA_URL              the gateway, e.g. http://127.0.0.1:4000 (its TESSERA_CORS_ORIGINS must list this server's origin)
 *   EMBED_KEY_ID             EmbedKey.kid of an HS256 embed key
 *   EMBED_KEY_SECRET         the secret createEmbedKey returned (never sent to the browser)
 *   EMBED_AUDIENCE           EmbedKey.audience, default tessera:embed:demo
 *   EMBED_DASHBOARD_ID       the dashboard's id, as GraphQL returns it
 *   EMBED_USER_ATTRIBUTES    JSON object of attribute values, e.g. {"country":["Vietnam"],"merchant":["Saigon Traders"]}
 *   EMBED_USER_ID            optional: the end user's id in your system (Tessera's audit log records it)
 *   EMBED_TOKEN_LIFETIME     seconds, default 300 (at most the key's maxTokenLifetimeSeconds)
 *   HOST, PORT               where to listen, default 127.0.0.1:3000 (PORT=0: any free port)
 */

class ConfigError extends Error {}

interface PartnerConfig {
  gatewayUrl: string;
  kid: string;
  secret: string;
  audience: string;
  dashboardId: string;
  userAttributes: Record<string, AttributeValue>;
  embedUserId: string | undefined;
  lifetimeSeconds: number;
  host: string;
  port: number;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is required`);
  return value;
}

function loadPartnerConfig(env: NodeJS.ProcessEnv): PartnerConfig {
  const gatewayUrl = required(env, 'TESSERA_URL').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(gatewayUrl)) throw new ConfigError('TESSERA_URL must be an http(s) URL');
  let userAttributes: unknown;
  try {
    userAttributes = JSON.parse(env.EMBED_USER_ATTRIBUTES?.trim() || '{}');
  } catch {
    throw new ConfigError('EMBED_USER_ATTRIBUTES must be a JSON object');
  }
  if (typeof userAttributes !== 'object' || userAttributes === null || Array.isArray(userAttributes))
    throw new ConfigError('EMBED_USER_ATTRIBUTES must be a JSON object');
  const lifetimeSeconds = Number(env.EMBED_TOKEN_LIFETIME?.trim() || '300');
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > 86_400)
    throw new ConfigError('EMBED_TOKEN_LIFETIME must be 1 to 86400 seconds');
  const port = Number(env.PORT?.trim() || '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError('PORT must be 0 to 65535');
  return {
    gatewayUrl,
    kid: required(env, 'EMBED_KEY_ID'),
    secret: required(env, 'EMBED_KEY_SECRET'),
    audience: env.EMBED_AUDIENCE?.trim() || 'tessera:embed:demo',
    dashboardId: required(env, 'EMBED_DASHBOARD_ID'),
    userAttributes: userAttributes as Record<string, AttributeValue>,
    embedUserId: env.EMBED_USER_ID?.trim() || undefined,
    lifetimeSeconds,
    host: env.HOST?.trim() || '127.0.0.1',
    port,
  };
}

const PAGE = readFileSync(path.join(import.meta.dirname, 'index.html'), 'utf8');

function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

function handler(config: PartnerConfig): http.RequestListener {
  const gatewayOrigin = new URL(config.gatewayUrl).origin;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://partner.invalid');
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed', { allow: 'GET' });
    if (url.pathname === '/') {
      // The page may run its own (nonce-tagged) script and talk to this server and the gateway only.
      const nonce = randomBytes(16).toString('base64');
      const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${gatewayOrigin}; base-uri 'none'; frame-ancestors 'self'`;
      return send(res, 200, 'text/html; charset=utf-8', PAGE.replaceAll('{{nonce}}', nonce), { 'content-security-policy': csp });
    }
    if (url.pathname === '/token') {
      // Real life: authenticate your user here (401 if not signed in) and read their attributes.
      const token = signEmbedToken(
        { kid: config.kid, secret: config.secret },
        {
          audience: config.audience,
          dashboardId: config.dashboardId,
          lifetimeSeconds: config.lifetimeSeconds,
          userAttributes: config.userAttributes,
          ...(config.embedUserId ? { embedUserId: config.embedUserId } : {}),
        },
      );
      const body = { token, gatewayUrl: config.gatewayUrl, dashboardId: config.dashboardId, expiresInSeconds: config.lifetimeSeconds };
      return send(res, 200, 'application/json', JSON.stringify(body));
    }
    return send(res, 404, 'text/plain', 'Not found');
  };
}

let config: PartnerConfig;
try {
  config = loadPartnerConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(2);
}

const server = http.createServer(handler(config));
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Partner example listening on http://${config.host}:${port} (dashboard ${config.dashboardId}, gateway ${config.gatewayUrl})`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
