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
 * Refuses, before anything executes, a request whose estimated warehouse queries exceed the
 * budget (field costs and list multipliers are declared on the schema); the answer is HTTP 400
 * (no `data`, see useRequestErrorStatus). Then counts the statements actually run.
 */
export function useWarehouseBudget(loadSizes: (ctx: RequestScope, dashboardIds: readonly string[]) => Promise<DashboardSizes>): Plugin<RequestScope> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as RequestScope;
      const document = selectedOperation(args.document, args.operationName);
      if (!document) return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let estimated: number;
      try {
        estimated = estimate(args.schema, document, ctx, variables);
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
