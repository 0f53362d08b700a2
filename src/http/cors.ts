import type { CORSOptions, Plugin } from 'graphql-yoga';

/**
 * Cross-origin access (`TESSERA_CORS_ORIGINS`): an embedding partner's page, served from its own
 * origin, calls `/graphql` with an embed token. Only the listed origins get an
 * `Access-Control-Allow-Origin` (always their own, never `*`); any other origin, and every origin
 * while the list is empty, gets no CORS header at all, so the browser keeps the answer from it.
 * No credentials: every principal travels as `Authorization: Bearer`, never as a cookie.
 */
export function corsOptions(origins: readonly string[]): false | ((request: Request) => CORSOptions) {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      credentials: false,
      maxAge: 600,
    };
  };
}

/** Answers differ by `Origin` while a list is set: a shared cache must not hand one origin's to another. */
export function useVaryOrigin(origins: readonly string[]): Plugin {
  return {
    onResponse({ response }) {
      if (origins.length === 0) return;
      const vary = response.headers.get('vary');
      if (!vary?.split(',').some((name) => name.trim().toLowerCase() === 'origin')) response.headers.append('vary', 'Origin');
    },
  };
}
