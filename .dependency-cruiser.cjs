// The direction of imports (docs/architecture.md):
//   main/cli → app → http → graphql → modules → scope → authz, auth, cache, query, jobs, db → errors, config, logger
// (main → worker → modules: the background jobs' task list.)
// Nothing imports upward; no cycles, type-only imports included. `npm run lint:layers` fails on any
// violation; `npm run lint:layers:report` lists them without failing (.dependency-cruiser.report-only.cjs).

// Files every layer may use: they import nothing but each other.
const BASE = ['^src/errors\\.ts$', '^src/logger\\.ts$', '^src/config\\.ts$', '^src/db/ids\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two files one layer; type-only imports count, since they bind the files just the same.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'query-is-a-leaf',
      severity: 'error',
      comment:
        'The query engine is handed definitions, restrictions and a pool: it declares its own input types and knows nothing of modules, requests, GraphQL or the cache.',
      from: { path: '^src/query/' },
      to: { path: '^src/', pathNot: ['^src/query/', ...BASE] },
    },
    {
      name: 'base-is-the-bottom',
      severity: 'error',
      comment: 'errors, config, logger and ids are imported by every layer, so they import none.',
      from: { path: BASE },
      to: { path: '^src/', pathNot: BASE },
    },
    {
      name: 'modules-not-to-http',
      severity: 'error',
      comment: 'Services run for jobs and the CLI too: they see a request scope (src/scope/), never the HTTP request.',
      from: { path: '^src/modules/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'graphql-not-to-http',
      severity: 'error',
      comment: 'Resolvers and scopes see a request scope (src/scope/); only http/ knows how a request becomes one.',
      from: { path: '^src/graphql/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'scope-below-modules',
      severity: 'error',
      comment: 'The request scope sits under the modules: it holds the principal, em, memos and deps, not domain logic.',
      from: { path: '^src/scope/' },
      to: { path: '^src/(modules|graphql|http)/' },
    },
    {
      name: 'authz-imports-no-module',
      severity: 'error',
      comment: 'authz/ owns the vocabulary (roles, statuses, features, workspaces, share types); entities import it, not the other way round.',
      from: { path: '^src/authz/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'authz-below-requests',
      severity: 'error',
      comment: 'authz/ is pure decisions over plain data; the Pothos scope glue lives in graphql/.',
      from: { path: '^src/authz/' },
      to: { path: '^src/(scope|graphql|http)/' },
    },
    {
      name: 'cache-below-requests',
      severity: 'error',
      comment: 'The metadata cache serves the request scope; it does not know requests, modules or GraphQL.',
      from: { path: '^src/cache/' },
      to: { path: '^src/(scope|modules|graphql|http)/' },
    },
    {
      name: 'auth-below-requests',
      severity: 'error',
      comment: 'auth/ turns credentials into principals for the request layer; it knows neither requests, modules nor GraphQL.',
      from: { path: '^src/auth/' },
      to: { path: '^src/(scope|modules|graphql|http|ops)/' },
    },
    {
      name: 'db-below-ops',
      severity: 'error',
      comment: 'db/ sets up the ORM; whoever opens it hands it hooks such as statement tracing (ops/), never the other way.',
      from: { path: '^src/db/' },
      to: { path: '^src/(ops|scope|graphql|http)/' },
    },
    {
      name: 'jobs-below-modules',
      comment: 'The job queue and its runner know job names and payloads, not what the tasks do: the modules hand them their handlers.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/', pathNot: ['^src/jobs/', '^src/db/', ...BASE] },
    },
    {
      name: 'worker-imported-by-main-only',
      severity: 'error',
      comment: 'worker.ts assembles the task list from the modules; only main.ts (and the tests) start it.',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^src/worker\\.ts$' },
    },
    {
      name: 'cli-not-to-http',
      severity: 'error',
      comment: 'The CLI opens the database and runs services without a server: nothing it loads, directly or not, is HTTP.',
      from: { path: '^src/cli\\.ts$' },
      to: { path: '^src/http/', reachable: true },
    },
    {
      name: 'entry-points-not-imported',
      severity: 'error',
      comment: 'main.ts and cli.ts are started, never imported.',
      from: { path: '^src/' },
      to: { path: '^src/(main|cli)\\.ts$' },
    },
    {
      name: 'app-imported-by-main-only',
      severity: 'error',
      comment: 'app.ts assembles everything below it; only main.ts (and the tests) put it to use.',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^src/app\\.ts$' },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve would silently escape every rule above.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    cache: false,
  },
};
