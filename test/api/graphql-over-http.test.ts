import { serverAudits } from 'graphql-http';
import { describe, expect } from 'vitest';
import { serve } from '../../src/http/server.ts';
import { it } from '../testkit/fixture.ts';

/**
 * graphql-http's conformance audit (GraphQL over HTTP, every MUST, SHOULD and MAY it checks) against
 * the gateway served over a real socket. The audit's requests carry a signed-in user's token, as
 * GraphiQL's would: some of them introspect (`__type`), which anonymous callers may not outside
 * demo mode.
 */
describe('GraphQL over HTTP', () => {
  it('passes every server audit of graphql-http, without a warning', async ({ kit, tenant: t, onTestFinished }) => {
    const server = await serve(kit.app, { host: '127.0.0.1', port: 0, logger: kit.deps.logger });
    onTestFinished(() => server.close(1000));
    const authorized = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${t.viewer.token}`);
      return fetch(input, { ...init, headers });
    };
    const audits = serverAudits({ url: `${server.url}/graphql`, fetchFn: authorized });
    expect(audits.length).toBeGreaterThan(30);
    const failed: { name: string; status: string; reason: string }[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push({ name: result.name, status: result.status, reason: result.reason });
    }
    expect(failed).toEqual([]);
  });
});
