/**
 * The dataset query compiler: a `DatasetQueryInput` over a dataset's definition → a SQL AST
 * (ast.ts), with the viewer's row-level permission predicates ANDed in. Every error is
 * BAD_USER_INPUT naming the input path at fault (`input.filters[2].values`).
 *
 * Joins: the root is the first referenced model in the dataset's model order; other models join
 * (LEFT JOIN) only when the query needs them, along many-to-one relationships (from the many side
 * to the one side), so joins never multiply the root's rows. A permission rule on a model the
 * query does not join applies through an EXISTS along the relationships (in either direction).
 */
import type { DatasetDefinition, DatasetField, DatasetModel, FieldType, PermissionRule } from './definition.ts';
import { badInput } from '../errors.ts';
import { arrayParam, column, constant, param, PG_TYPE, type Join, type Select, type SqlExpr, type TableRef } from './ast.ts';
import type { EffectiveAttributes } from './attributes.ts';
import { calculationToSql, calculationType, fieldOutsideAggregate } from './calculation-sql.ts';
import { ExpressionError, parseExpression } from './expression.ts';
import { compileRlp, fieldValue, staticAttributes, type RlpPredicate } from './rlp.ts';

export const AGGREGATIONS = ['SUM', 'COUNT', 'COUNT_DISTINCT', 'AVG', 'MIN', 'MAX'] as const;
export const FILTER_OPERATORS = ['EQ', 'NE', 'IN', 'NOT_IN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'CONTAINS', 'IS_NULL', 'NOT_NULL'] as const;
export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const QUERY_LIMITS = { defaultLimit: 1000, maxLimit: 10_000, maxOffset: 1_000_000, maxListValues: 1000, maxItems: 100 } as const;

export interface MeasureInput {
  field?: string | null;
  aggregation?: Aggregation | null;
  calculation?: string | null;
}
export interface FieldFilterInput {
  field: string;
  operator: FilterOperator;
  values?: readonly unknown[] | null;
}
export interface SortInput {
  field: string;
  direction?: (typeof SORT_DIRECTIONS)[number] | null;
}
export interface DatasetQueryInput {
  dimensions?: readonly string[] | null;
  measures?: readonly MeasureInput[] | null;
  filters?: readonly FieldFilterInput[] | null;
  sort?: readonly SortInput[] | null;
  limit?: number | null;
  offset?: number | null;
}

/** The limit a query gets without one, and the largest it may ask for (exports allow more than `QUERY_LIMITS`). */
export interface RowLimits {
  defaultLimit: number;
  maxLimit: number;
}

/** Row-level permission for this run: `restricted` principals get the rules, with `attributes`. */
export interface QueryAccess {
  restricted: boolean;
  /** Absent while restricted: no attribute has a value (fail closed). */
  attributes?: EffectiveAttributes | undefined;
  /** Rules the principal carries on top of the dataset's own (an embed's `row_based`, a link's restrictions); ANDed, while restricted. */
  extraRules?: readonly PermissionRule[] | undefined;
}

export interface QueryColumn {
  name: string;
  type: FieldType;
}
export interface CompiledQuery {
  /** Its limit is one more than asked, to tell whether the result was truncated. */
  select: Select;
  columns: QueryColumn[];
  limit: number;
  missingAttributes: string[];
}

interface Edge {
  from: { model: string; column: string };
  to: { model: string; column: string };
}

const ORDERING: Partial<Record<FilterOperator, '=' | '<>' | '<' | '<=' | '>' | '>='>> = { EQ: '=', NE: '<>', GT: '>', GTE: '>=', LT: '<', LTE: '<=' };
const NO_ATTRIBUTES = staticAttributes({});

class Compiler {
  private readonly models = new Map<string, { model: DatasetModel; index: number }>();
  private readonly edges: Edge[];
  /** Model → the first input path that needs it (for the error when it cannot be joined). */
  private readonly needed = new Map<string, string>();
  private readonly definition: DatasetDefinition;

  constructor(definition: DatasetDefinition) {
    this.definition = definition;
    definition.models.forEach((model, index) => this.models.set(model.name, { model, index }));
    this.edges = definition.relationships.map((r) => {
      const end = (ref: string) => {
        const { model, field } = this.lookup(ref)!;
        return { model: model.name, column: field.column };
      };
      return { from: end(r.from), to: end(r.to) };
    });
  }

  private lookup(ref: string): { model: DatasetModel; field: DatasetField } | undefined {
    const [modelName = '', fieldName = '', extra] = ref.split('.');
    const model = this.models.get(modelName)?.model;
    const field = extra === undefined ? model?.fields.find((f) => f.name === fieldName) : undefined;
    return model && field ? { model, field } : undefined;
  }

  /** A `model.field` of the dataset, marked as needed by `path`. */
  field(ref: string, path: string): { sql: SqlExpr; type: FieldType } {
    const found = this.lookup(ref);
    if (!found) throw badInput(path, `"${ref.slice(0, 130)}" is not a model.field of this dataset`);
    if (!this.needed.has(found.model.name)) this.needed.set(found.model.name, path);
    return { sql: column(found.model.name, found.field.column), type: found.field.type };
  }

  measure(m: MeasureInput, path: string): { expr: SqlExpr; name: string; type: FieldType } {
    if (m.calculation != null) {
      if (m.field != null || m.aggregation != null) throw badInput(path, 'Give either a calculation or a field with an aggregation, not both');
      const calc = this.definition.calculations.find((c) => c.name === m.calculation);
      const at = `${path}.calculation`;
      if (!calc) throw badInput(at, `This dataset has no calculation named "${m.calculation.slice(0, 100)}"`);
      let parsed;
      try {
        parsed = parseExpression(calc.expression, { knownFields: new Set(this.definition.models.flatMap((x) => x.fields.map((f) => `${x.name}.${f.name}`))) });
      } catch (error) {
        if (error instanceof ExpressionError) throw badInput(at, `The calculation "${calc.name}" is invalid: ${error.message}`);
        throw error;
      }
      const loose = fieldOutsideAggregate(parsed.ast);
      if (loose) throw badInput(at, `The calculation "${calc.name}" is not a measure: ${loose.model}.${loose.field} is used outside an aggregate function`);
      const resolve = (model: string, field: string) => this.field(`${model}.${field}`, at);
      return { expr: calculationToSql(parsed.ast, resolve), name: calc.name, type: calculationType(parsed.ast, resolve) };
    }
    if (m.field == null) throw badInput(`${path}.field`, 'Give a field with an aggregation, or a calculation');
    if (m.aggregation == null) throw badInput(`${path}.aggregation`, 'Give the aggregation of the field');
    const { sql, type } = this.field(m.field, `${path}.field`);
    const aggregation = m.aggregation;
    if ((aggregation === 'SUM' || aggregation === 'AVG') && type !== 'NUMBER')
      throw badInput(`${path}.aggregation`, `${aggregation} needs a NUMBER field; ${m.field} is ${type}`);
    if ((aggregation === 'MIN' || aggregation === 'MAX') && type === 'BOOLEAN')
      throw badInput(`${path}.aggregation`, `${aggregation} does not apply to a BOOLEAN field`);
    const name = aggregation === 'COUNT_DISTINCT' ? 'count' : (aggregation.toLowerCase() as 'sum' | 'count' | 'avg' | 'min' | 'max');
    const expr: SqlExpr = { kind: 'call', name, args: [sql], ...(aggregation === 'COUNT_DISTINCT' ? { distinct: true } : {}) };
    return { expr, name: `${aggregation}(${m.field})`, type: aggregation === 'MIN' || aggregation === 'MAX' ? type : 'NUMBER' };
  }

  filter(f: FieldFilterInput, path: string): SqlExpr {
    const { sql, type } = this.field(f.field, `${path}.field`);
    const values = f.values ?? [];
    const op = f.operator;
    const count = (min: number, max: number, what: string) => {
      if (values.length < min || values.length > max) throw badInput(`${path}.values`, `${op} takes ${what} (got ${values.length})`);
    };
    const typed = () =>
      values.map((raw, j) => {
        const result = fieldValue(type, raw);
        if ('error' in result) throw badInput(`${path}.values`, `Value ${j + 1} for ${f.field} (${type}) ${result.error}`);
        return result.value;
      });
    const ordered = op !== 'EQ' && op !== 'NE' && op !== 'IN' && op !== 'NOT_IN' && op !== 'IS_NULL' && op !== 'NOT_NULL';
    if (ordered && type === 'BOOLEAN') throw badInput(`${path}.operator`, `${op} does not apply to a BOOLEAN field`);
    if (op === 'CONTAINS' && type !== 'STRING') throw badInput(`${path}.operator`, `CONTAINS applies to STRING fields only; ${f.field} is ${type}`);
    const pg = PG_TYPE[type];
    switch (op) {
      case 'IS_NULL':
      case 'NOT_NULL':
        count(0, 0, 'no values');
        return { kind: 'isNull', expr: sql, negated: op === 'NOT_NULL' };
      case 'IN':
      case 'NOT_IN':
        count(1, QUERY_LIMITS.maxListValues, `1 to ${QUERY_LIMITS.maxListValues} values`);
        return { kind: 'quantified', expr: sql, op: op === 'IN' ? '=' : '<>', quantifier: op === 'IN' ? 'any' : 'all', list: arrayParam(typed(), pg) };
      case 'BETWEEN': {
        count(2, 2, 'exactly 2 values');
        const [low, high] = typed();
        return { kind: 'between', expr: sql, low: param(low, pg), high: param(high, pg) };
      }
      case 'CONTAINS': {
        count(1, 1, 'exactly 1 value');
        const text = String(typed()[0]);
        return { kind: 'like', expr: sql, pattern: param(`%${text.replace(/[\\%_]/g, '\\$&')}%`, 'text'), insensitive: true };
      }
      default:
        count(1, 1, 'exactly 1 value');
        return { kind: 'binary', op: ORDERING[op]!, left: sql, right: param(typed()[0], pg) };
    }
  }

  table(name: string): TableRef {
    const [schema = '', table = ''] = this.models.get(name)!.model.table.split('.');
    return { schema, table, alias: name };
  }

  private on(edge: Edge): SqlExpr {
    return { kind: 'binary', op: '=', left: column(edge.to.model, edge.to.column), right: column(edge.from.model, edge.from.column) };
  }

  /** Breadth-first search from `sources`; `directed` follows relationships from the many side only. */
  private search(sources: string[], directed: boolean): Map<string, { parent: string; edge: Edge } | null> {
    const reached = new Map<string, { parent: string; edge: Edge } | null>(sources.map((s) => [s, null]));
    const queue = [...sources];
    for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
      for (const edge of this.edges) {
        const next = edge.from.model === current ? edge.to.model : !directed && edge.to.model === current ? edge.from.model : undefined;
        if (next !== undefined && !reached.has(next)) {
          reached.set(next, { parent: current, edge });
          queue.push(next);
        }
      }
    }
    return reached;
  }

  /**
   * The root, and the joins that reach every needed model from it (parents before children). The
   * root is the first needed model (in dataset order) from which every other needed model is
   * reachable along many-to-one relationships — the fact table of a star, wherever it is listed.
   */
  plan(): { root: string; joins: Join[] } {
    const order = [...this.needed.keys()].sort((a, b) => this.models.get(a)!.index - this.models.get(b)!.index);
    const root =
      order.find((candidate) => {
        const reach = this.search([candidate], true);
        return order.every((m) => reach.has(m));
      }) ?? order[0]!;
    const tree = this.search([root], true);
    const joined = new Set([root]);
    for (const model of order) {
      if (!tree.has(model)) {
        throw badInput(
          this.needed.get(model)!,
          `The model "${model}" cannot be joined to "${root}": no chain of many-to-one relationships leads from ${root} to ${model}`,
        );
      }
      for (let m: string | undefined = model; m !== undefined && !joined.has(m); m = tree.get(m)?.parent) joined.add(m);
    }
    const joins = [...tree.keys()]
      .filter((m) => m !== root && joined.has(m))
      .map((m): Join => ({ type: 'left', table: this.table(m), on: this.on(tree.get(m)!.edge) }));
    return { root, joins };
  }

  /** Predicates of models not joined go into one EXISTS per model, along the shortest relationship path. */
  placeRules(predicates: RlpPredicate[], select: Select): void {
    const joined = [select.from.alias, ...select.joins.map((j) => j.table.alias)];
    const byModel = new Map<string, SqlExpr[]>();
    for (const p of predicates) {
      if (p.model === null || joined.includes(p.model)) select.where.push(p.expr);
      else byModel.set(p.model, [...(byModel.get(p.model) ?? []), p.expr]);
    }
    if (byModel.size === 0) return;
    const tree = this.search(joined, false);
    for (const [model, exprs] of byModel) {
      const path: { model: string; edge: Edge }[] = [];
      let at = model;
      for (let step = tree.get(at); step; step = tree.get(at)) {
        path.unshift({ model: at, edge: step.edge });
        at = step.parent;
      }
      if (!joined.includes(at) || path.length === 0) {
        select.where.push(constant('false'));
        continue;
      }
      const [first, ...rest] = path;
      const query: Select = {
        columns: [],
        from: this.table(first!.model),
        joins: rest.map((p): Join => ({ type: 'inner', table: this.table(p.model), on: this.on(p.edge) })),
        where: [this.on(first!.edge), ...exprs],
        groupBy: [],
        orderBy: [],
      };
      select.where.push({ kind: 'exists', query });
    }
  }
}

export function compileQuery(
  dataset: { definition: DatasetDefinition; permissionRules: readonly PermissionRule[] },
  input: DatasetQueryInput,
  access?: QueryAccess,
  limits: RowLimits = QUERY_LIMITS,
): CompiledQuery {
  const c = new Compiler(dataset.definition);
  const dimensions = input.dimensions ?? [];
  const measures = input.measures ?? [];
  const filters = input.filters ?? [];
  const sort = input.sort ?? [];
  for (const [name, list] of Object.entries({ dimensions, measures, filters, sort })) {
    if (list.length > QUERY_LIMITS.maxItems) throw badInput(`input.${name}`, `At most ${QUERY_LIMITS.maxItems} are allowed`);
  }
  if (dimensions.length + measures.length === 0) throw badInput('input', 'Select at least one dimension or measure');

  const selected: { expr: SqlExpr; name: string; type: FieldType; path: string; field?: string }[] = [];
  dimensions.forEach((ref, i) => {
    const path = `input.dimensions[${i}]`;
    const { sql, type } = c.field(ref, path);
    selected.push({ expr: sql, type, name: ref, path });
  });
  measures.forEach((m, i) => selected.push({ ...c.measure(m, `input.measures[${i}]`), path: `input.measures[${i}]`, ...(m.field ? { field: m.field } : {}) }));
  selected.forEach((s, i) => {
    const first = selected.findIndex((other) => other.name === s.name);
    if (first !== i) throw badInput(s.path, `"${s.name}" is selected twice (also at ${selected[first]!.path})`);
  });
  const where = filters.map((f, i) => c.filter(f, `input.filters[${i}]`));

  const orderBy = sort.map((s, i): Select['orderBy'][number] => {
    let index = selected.findIndex((x) => x.name === s.field);
    const byField = selected.flatMap((x, j) => (x.field === s.field ? [j] : []));
    if (index < 0 && byField.length === 1) index = byField[0]!;
    if (index < 0)
      throw badInput(
        `input.sort[${i}].field`,
        `Sort by a selected dimension or measure: ${selected
          .map((x) => x.name)
          .slice(0, 20)
          .join(', ')}`,
      );
    return { alias: `c${index}`, direction: s.direction === 'DESC' ? 'desc' : 'asc' };
  });

  const limit = input.limit ?? limits.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxLimit) throw badInput('input.limit', `The limit must be between 1 and ${limits.maxLimit}`);
  const offset = input.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > QUERY_LIMITS.maxOffset)
    throw badInput('input.offset', `The offset must be between 0 and ${QUERY_LIMITS.maxOffset}`);

  const { root, joins } = c.plan();
  const select: Select = {
    columns: selected.map((s, i) => ({ expr: s.expr, alias: `c${i}` })),
    from: c.table(root),
    joins,
    where,
    groupBy: measures.length > 0 ? selected.slice(0, dimensions.length).map((s) => s.expr) : [],
    orderBy,
    limit: limit + 1,
    offset,
  };
  let missingAttributes: string[] = [];
  if (access === undefined || access.restricted) {
    const rules = access?.extraRules?.length ? [...dataset.permissionRules, ...access.extraRules] : dataset.permissionRules;
    const rlp = compileRlp(rules, access?.attributes ?? NO_ATTRIBUTES, dataset);
    missingAttributes = rlp.missingAttributes;
    c.placeRules(rlp.predicates, select);
  }
  return { select, columns: selected.map((s) => ({ name: s.name, type: s.type })), limit, missingAttributes };
}
