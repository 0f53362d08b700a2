import http from 'node:http';
import type { Logger } from '../logger.ts';

/** What the server hands each request to (the app's yoga instance): the server knows no more of the app. */
export interface RequestHandler {
  handle(req: http.IncomingMessage, res: http.ServerResponse, serverContext: { clientAddress: string }): unknown;
}

export interface RunningServer {
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export async function serve(app: RequestHandler, options: { host: string; port: number; logger: Logger }): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    void app.handle(req, res, { clientAddress: req.socket.remoteAddress ?? 'unknown' });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          options.logger.warn('requests still running after the grace period; closing their connections');
          server.closeAllConnections();
        }, graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
