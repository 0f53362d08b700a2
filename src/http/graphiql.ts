import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderGraphiQL, type GraphiQLOptions, type Plugin } from 'graphql-yoga';

/**
 * GraphiQL served from this process: its script, styles and editor workers come from the
 * installed @graphql-yoga/graphiql package instead of a CDN, so it works without internet access.
 */
const DIST = path.dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql'));
const PREFIX = '/graphiql/';
const ASSETS: Record<string, string> = {
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'graphiql.css': 'text/css; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
};

export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  return renderGraphiQL(options)
    .replace(/<link rel=icon [^>]*>/, '')
    .replaceAll(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, PREFIX);
}

export function useGraphiQLAssets(): Plugin {
  const cache = new Map<string, Promise<Buffer>>();
  return {
    async onRequest({ url, endResponse }) {
      if (!url.pathname.startsWith(PREFIX)) return;
      const name = url.pathname.slice(PREFIX.length);
      const type = ASSETS[name];
      if (!type) {
        endResponse(new Response('Not found', { status: 404 }));
        return;
      }
      let body = cache.get(name);
      if (!body) {
        body = readFile(path.join(DIST, name));
        cache.set(name, body);
      }
      endResponse(new Response(new Uint8Array(await body), { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } }));
    },
  };
}
