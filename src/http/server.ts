import http from 'node:http';
import type { Logger } from '../logger.ts';

/** What the server hands each request to (the app's yoga instance): the server knows no more of the app. */
export interface RequestHandler {
  handle(req: http.IncomingMessage, res: http.ServerResponse, serverContext: { clientAddress: string }): unknown;
}

export interface RunningServer {
  url: string;
  /**
   * Drains, then closes: idle keep-alive connections are closed at once and every response from
   * now on closes its connection; the server keeps listening (so that `/readyz` can say 503) until
   * the requests in flight have finished, or `graceMs` has passed (their connections are then cut).
   */
  close(graceMs?: number): Promise<void>;
}

export async function serve(app: RequestHandler, options: { host: string; port: number; logger: Logger }): Promise<RunningServer> {
  /** Responses not yet finished (or whose connection has not gone away). */
  const inFlight = new Set<http.ServerResponse>();
  let closing = false;
  let onIdle: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    if (closing) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) onIdle?.();
    });
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
    async close(graceMs = 10_000) {
      closing = true;
      // A response whose headers are not out yet closes its connection when it is done.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            options.logger.warn({ requests: inFlight.size }, 'requests still running after the grace period; closing their connections');
            resolve();
          }, graceMs);
          timer.unref();
          onIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
