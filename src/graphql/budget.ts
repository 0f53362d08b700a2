import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  GraphQLID,
  Kind,
  TypeInfo,
  getNamedType,
  getOperationAST,
  isAbstractType,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestScope } from '../scope/scope.ts';
import { WAREHOUSE_QUERY_BUDGET, budgetExceeded, openWarehouseBudget } from '../query/budget.ts';
import { rawId } from './ids.ts';

/** The most widgets and filters any dashboard of this request has, when every dashboard is named by id. */
export interface DashboardSizes {
  widgets: number;
  filters: number;
}

const knownSizes = new WeakMap<object, DashboardSizes>();

/**
 * The multiplier of a dashboard's list: the save-time cap, or (when the request names each of
 * its dashboards by id) the largest such list it really has.
 */
export const dashboardListSize = (ctx: object, list: keyof DashboardSizes, cap: number): number => knownSizes.get(ctx)?.[list] ?? cap;

/**
 * The selected operation and every fragment, without the document's other operations, and
 * without meta fields: the complexity plugin gives `__typename` a cost of its own, which clients
 * add to every selection and which never reaches a warehouse.
 */
function selectedOperation(document: DocumentNode, operationName: string | null | undefined): DocumentNode | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const selected = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  return visit(selected, { Field: (node) => (node.name.value.startsWith('__') ? null : undefined) });
}

/**
 * The ids of the dashboards a request reaches, when it reaches each one through `dashboard(id)`
 * or `node(id)` at the top; undefined when any dashboard comes from a list.
 */
function namedDashboardIds(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): string[] | undefined {
  const dashboardType = schema.getType('Dashboard');
  const queryType = schema.getQueryType();
  const typeInfo = new TypeInfo(schema);
  const ids: string[] = [];
  let listed = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = getNamedType(typeInfo.getType());
        if (!type || !dashboardType) return;
        const reaches = type === dashboardType || (isAbstractType(type) && schema.isSubType(type, dashboardType as never));
        if (!reaches) return;
        const idArg = node.arguments?.find((a) => a.name.value === 'id');
        const named = typeInfo.getParentType() === queryType && (node.name.value === 'dashboard' || node.name.value === 'node') && idArg;
        if (!named) {
          listed = true;
          return BREAK;
        }
        const id = valueFromAST(idArg.value, GraphQLID, variables);
        if (typeof id === 'string') ids.push(rawId(id, 'Dashboard'));
        return undefined;
      },
    }),
  );
  return listed ? undefined : ids.filter(Boolean);
}

const estimate = (schema: GraphQLSchema, document: DocumentNode, ctx: object, variables: Record<string, unknown>) =>
  complexityFromQuery(document, { schema, ctx, variables }).complexity;

/**
 * The estimate with the caps as list sizes depends only on the document (yoga hands the same
 * parsed object for the same text), the operation and the variables: kept per document, so a
 * repeated query pays a map lookup instead of two walks of its document (about 30–50 µs each time).
 */
const baseEstimates = new WeakMap<DocumentNode, Map<string, { document: DocumentNode; estimated: number } | null>>();
const ESTIMATES_PER_DOCUMENT = 64;
const MAX_KEY_LENGTH = 4096;

function baseEstimate(
  schema: GraphQLSchema,
  original: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  ctx: object,
) {
  let byKey = baseEstimates.get(original);
  if (!byKey) baseEstimates.set(original, (byKey = new Map()));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const document = selectedOperation(original, operationName);
  const entry = document ? { document, estimated: estimate(schema, document, ctx, variables) } : null;
  // Large variables (an imported CSV, say) are not kept as keys.
  if (key.length > MAX_KEY_LENGTH) return entry;
  if (byKey.size >= ESTIMATES_PER_DOCUMENT) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, entry);
  return entry;
}

/**
 * Refuses, before anything executes, a request whose estimated warehouse queries exceed the
 * budget (field costs and list multipliers are declared on the schema); the answer is HTTP 400
 * (no `data`, see useRequestErrorStatus). Then counts the statements actually run.
 */
export function useWarehouseBudget(loadSizes: (ctx: RequestScope, dashboardIds: readonly string[]) => Promise<DashboardSizes>): Plugin<RequestScope> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as RequestScope;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let estimated: number;
      try {
        const base = baseEstimate(args.schema, args.document, args.operationName, variables, ctx);
        if (!base) return;
        const { document } = base;
        estimated = base.estimated;
        if (estimated > WAREHOUSE_QUERY_BUDGET) {
          const ids = namedDashboardIds(args.schema, document, variables);
          if (ids) {
            knownSizes.set(ctx, await loadSizes(ctx, ids));
            estimated = estimate(args.schema, document, ctx, variables);
          }
        }
      } catch (error) {
        // Invalid variables and the like: execution reports them, and runs no resolver.
        if (error instanceof GraphQLError || (error instanceof Error && error.name === 'PothosValidationError')) return;
        throw error;
      }
      if (estimated > WAREHOUSE_QUERY_BUDGET) {
        const refused = budgetExceeded(estimated);
        setResultAndStopExecution({
          errors: [
            new GraphQLError(refused.message, {
              extensions: { code: refused.code, warehouseQueries: { estimated, max: WAREHOUSE_QUERY_BUDGET } },
            }),
          ],
        });
        return;
      }
      openWarehouseBudget(ctx);
    },
  };
}
