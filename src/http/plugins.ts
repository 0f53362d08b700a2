import type { Plugin } from 'graphql-yoga';
import { BREAK, getOperationAST, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Principal } from '../auth/principal.ts';
import type { RequestMetadata } from '../cache/request-metadata.ts';
import type { AppDeps } from '../scope/deps.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

const MAX_URL_LENGTH = 16 * 1024;

/**
 * Refuses oversized requests before anything parses them: a declared Content-Length over the
 * limit is answered at once (one within it needs nothing more); an undeclared (chunked) body is
 * read up to the limit and no further.
 */
export function useRequestLimits(maxBodyBytes: number): Plugin {
  return {
    async onRequest({ request, url, setRequest, endResponse }) {
      if (url.href.length > MAX_URL_LENGTH) {
        endResponse(json(414, errorBody(`The URL is longer than ${MAX_URL_LENGTH} bytes; send the query with POST`, 'BAD_USER_INPUT')));
        return;
      }
      if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
      const tooLarge = () => json(413, errorBody(`The request body is larger than ${maxBodyBytes} bytes`, 'BAD_USER_INPUT'));
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > maxBodyBytes) {
        endResponse(tooLarge());
        return;
      }
      // A declared length within the limit bounds the body already (the HTTP server reads no more).
      if (declared !== null && /^\d+$/.test(declared)) return;
      const reader = request.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBodyBytes) {
          await reader.cancel();
          endResponse(tooLarge());
          return;
        }
        chunks.push(value);
      }
      setRequest(new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(chunks) }));
    },
  };
}

/** How long `/readyz` waits for the database's answer before it says 503: a probe must not hang on an unreachable server. */
const READINESS_TIMEOUT_MS = 2_000;

/**
 * `/healthz` (the process runs) and `/readyz` (the database answers within 2 s, is migrated, and
 * the process is not draining).
 */
export function useHealthRoutes(deps: AppDeps): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname === '/healthz') {
        endResponse(json(200, { status: 'ok' }));
      } else if (url.pathname === '/readyz') {
        if (deps.lifecycle.draining) {
          endResponse(json(503, { status: 'draining' }));
          return;
        }
        let ready = false;
        let timer: NodeJS.Timeout | undefined;
        try {
          const late = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the database did not answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
          });
          ready = await Promise.race([deps.isMigrated(), late]);
        } catch (error) {
          deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'readiness check failed');
        } finally {
          clearTimeout(timer);
        }
        endResponse(json(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' }));
      }
    },
  };
}

/**
 * While the process drains (after SIGTERM), a new GraphQL request is answered 503 UNAVAILABLE with
 * `Retry-After` (another instance will take it) and its connection closed; the ones already
 * running finish.
 */
export function useDraining(deps: AppDeps): Plugin {
  return {
    onRequest({ url, endResponse }) {
      if (!deps.lifecycle.draining || url.pathname !== '/graphql') return;
      endResponse(
        json(503, errorBody('The server is shutting down; try again', 'UNAVAILABLE'), {
          'retry-after': String(deps.config.retryAfterSeconds),
          connection: 'close',
        }),
      );
    },
  };
}

/** Every response names its request id, so a reported INTERNAL error can be found in the log. */
export function useRequestIdHeader(): Plugin<{ requestId?: string }> {
  const ids = new WeakMap<Request, string>();
  return {
    onContextBuilding({ context }) {
      return ({ context: built }) => {
        if (built.requestId) ids.set(context.request, built.requestId);
      };
    },
    onResponse({ request, response, serverContext }) {
      // The server context holds the id from the start, also when building the scope failed (HTTP 401).
      const id = ids.get(request) ?? (serverContext as { requestId?: string }).requestId;
      if (id) response.headers.set('x-request-id', id);
    },
  };
}

/**
 * Requests that never reached execution answer 400 to clients that asked for
 * `application/graphql-response+json`, as the GraphQL-over-HTTP specification requires; plain
 * `application/json` clients get 200 for a document that does not parse or validate and for
 * variables that do not coerce (the specification's advice: they read `errors` from the body),
 * but 400 still for a request that is not a GraphQL request at all (no query, parameters of the
 * wrong type: yoga's BAD_REQUEST). graphql-yoga does so for its own errors; this covers the ones
 * our plugins raise before execution too (limits, the warehouse budget).
 */
export function useRequestErrorStatus(): Plugin {
  // Marked while the result is still an object, so that no response body is ever read again.
  const refused = new WeakMap<Request, { badRequest: boolean }>();
  return {
    onResultProcess({ request, result }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || 'data' in result || !result.errors?.length) return;
      refused.set(request, { badRequest: result.errors.every((error) => error.extensions?.code === 'BAD_REQUEST') });
    },
    onResponse({ request, response, setResponse }) {
      const refusal = refused.get(request);
      if (response.status !== 200 || !refusal) return;
      if (!refusal.badRequest && !response.headers.get('content-type')?.startsWith('application/graphql-response+json')) return;
      setResponse(new Response(response.body, { status: 400, headers: response.headers }));
    },
  };
}

/**
 * Mutations read metadata from the database, never from the cache, and when one ends its
 * tenant's cached metadata is dropped in this process at once: the next request here sees the
 * change without waiting for the database's notice (which other processes act on).
 */
export function useMetadataCacheForQueries(): Plugin<{ metadata?: RequestMetadata; viewer?: Principal | null; deps?: AppDeps }> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const context = args.contextValue;
      context.metadata?.bypass();
      return {
        onExecuteDone() {
          const tenantId = context.viewer?.tenantId;
          if (tenantId) context.deps?.metadataCache.invalidate(tenantId);
        },
      };
    },
  };
}

/** Whether a document selects `__schema` or `__type` anywhere (`__typename` is not introspection of the schema). */
const introspects = new WeakMap<DocumentNode, boolean>();
function selectsIntrospection(document: DocumentNode): boolean {
  let known = introspects.get(document);
  if (known === undefined) {
    known = false;
    visit(document, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          known = true;
          return BREAK;
        }
        return undefined;
      },
    });
    introspects.set(document, known);
  }
  return known;
}

/**
 * `TESSERA_INTROSPECTION=authenticated` (the default outside demo mode): only a signed-in
 * principal may introspect the schema. Decided at execution, per request, so no cached validation
 * result of a signed-in request ever lets an anonymous one through. GraphiQL introspects with the
 * token it is given.
 */
export function useIntrospectionPolicy(policy: 'public' | 'authenticated'): Plugin<{ viewer?: Principal | null }> {
  if (policy === 'public') return {};
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (args.contextValue.viewer || !selectsIntrospection(args.document)) return;
      setResultAndStopExecution({
        errors: [new GraphQLError('Sign in to introspect the schema', { extensions: { code: 'UNAUTHENTICATED' } })],
      });
    },
  };
}
