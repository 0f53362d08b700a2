import { DataSourceError } from '../errors.ts';
import type { Select, TableRef } from './ast.ts';

/** Every table a statement reads, EXISTS subqueries of row-level rules included. */
function tablesOf(select: Select, into: TableRef[] = []): TableRef[] {
  into.push(select.from, ...select.joins.map((j) => j.table));
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if ((node as { kind?: string }).kind === 'exists') tablesOf((node as { query: Select }).query, into);
      else Object.values(node).forEach(visit);
    }
  };
  visit(select.where);
  visit(select.columns);
  return into;
}

/**
 * The data source's schema allowlist, enforced on every compiled statement (not only when a
 * dataset is saved), so narrowing it stops queries at once. The message names the schema: it is
 * a DataSourceError, shown to admins only.
 */
export function assertSchemasAllowed(select: Select, schemas: readonly string[]): void {
  const outside = tablesOf(select).find((t) => !schemas.includes(t.schema));
  if (outside) {
    throw new DataSourceError(
      'CONFLICT',
      `The model "${outside.alias}" reads schema "${outside.schema}", which its data source does not allow (allowed: ${schemas.map((s) => `"${s}"`).join(', ') || 'none'})`,
    );
  }
}
