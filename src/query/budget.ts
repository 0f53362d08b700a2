import { DomainError } from '../errors.ts';

/**
 * How much warehouse work one request may cause (PRODUCT.md §10). The estimate made before
 * execution (graphql/budget.ts) is in units: one dataset query of up to `ROWS_PER_UNIT` rows is
 * one unit, a larger limit asked by the client weighs as many default-sized queries.
 */
export const WAREHOUSE_QUERY_BUDGET = 50;
export const ROWS_PER_UNIT = 1000;

/** The estimated weight of a dataset query the client asks for with `limit`. */
export const datasetQueryCost = (limit: number | null | undefined): number =>
  Math.max(1, Math.ceil((typeof limit === 'number' && limit > 0 ? limit : ROWS_PER_UNIT) / ROWS_PER_UNIT));

export const budgetExceeded = (estimated: number) =>
  new DomainError(
    'BAD_USER_INPUT',
    `This request could run ${estimated} warehouse queries; at most ${WAREHOUSE_QUERY_BUDGET} are allowed per request. ` +
      'Ask for fewer items (first), fewer widgets’ data, smaller limits or fewer aliases, or split the request.',
  );

/** Statements run per request, counted only for requests that opened a budget (GraphQL ones). */
const used = new WeakMap<object, { count: number }>();

export function openWarehouseBudget(request: object): void {
  used.set(request, { count: 0 });
}

/**
 * Defence in depth behind the estimate: the statement over the budget is refused at run time,
 * should an estimate ever have been too low.
 */
export function chargeWarehouseQuery(request: object): void {
  const counter = used.get(request);
  if (!counter) return;
  counter.count += 1;
  if (counter.count > WAREHOUSE_QUERY_BUDGET) throw budgetExceeded(counter.count);
}
