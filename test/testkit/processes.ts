import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Processes the live tests start as a user would: the gateway (`npm start`) and the example partner. */

export const root = path.resolve(import.meta.dirname, '../..');

export interface StartedProcess {
  url: string;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/** Runs `node <script>` from the project root and waits for `banner` (its first group is the URL). */
export async function startNode(script: string, env: Record<string, string>, banner: RegExp, timeoutMs = 90_000): Promise<StartedProcess> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script}: no banner within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const match = banner.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () => {
      if (!exited) child.kill('SIGTERM');
      return exit;
    },
  };
}

export const startGateway = (env: Record<string, string>) =>
  startNode('src/main.ts', { PORT: '0', LOG_LEVEL: 'warn', ...env }, /Tessera is listening on (http:\/\/\S+)/);

export interface PartnerEnv {
  gatewayUrl: string;
  kid: string;
  secret: string;
  audience: string;
  dashboardId: string;
  userAttributes: Record<string, unknown>;
  embedUserId?: string;
  port?: number;
}

export const startPartner = (partner: PartnerEnv) =>
  startNode(
    'examples/embed-partner/server.ts',
    {
      TESSERA_URL: partner.gatewayUrl,
      EMBED_KEY_ID: partner.kid,
      EMBED_KEY_SECRET: partner.secret,
      EMBED_AUDIENCE: partner.audience,
      EMBED_DASHBOARD_ID: partner.dashboardId,
      EMBED_USER_ATTRIBUTES: JSON.stringify(partner.userAttributes),
      ...(partner.embedUserId ? { EMBED_USER_ID: partner.embedUserId } : {}),
      PORT: String(partner.port ?? 0),
    },
    /Partner example listening on (http:\/\/\S+)/,
    30_000,
  );

/** A port free right now (the gateway's CORS list must name the partner's origin before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A GraphQL call over HTTP, as any client makes it. */
export async function gqlHttp<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}
