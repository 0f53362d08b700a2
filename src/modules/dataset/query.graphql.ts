import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { AGGREGATIONS, FILTER_OPERATORS, SORT_DIRECTIONS, type QueryColumn } from '../../query/compile.ts';
import { datasetQueryCost } from '../../query/budget.ts';
import type { QueryResultData } from '../../query/runner.ts';
import { datasetFacts } from './dataset.policy.ts';
import type { Dataset } from './dataset.entity.ts';
import type { PermissionRule } from '../../query/definition.ts';
import { exploreDataset } from './dataset.query.ts';
import { DatasetRef } from './dataset.graphql.ts';
import { RULE_OPERATORS, setDatasetPermissionRules } from './rules.service.ts';

/** The matrix row for the dataset a value belongs to, with its facts. */
const guard = (action: 'dataset.explore' | 'dataset.seeDefinition' | 'dataset.manage') => async (dataset: Dataset, ctx: RequestScope) => ({
  allowed: { action, facts: await datasetFacts(ctx, dataset) },
});

export const AggregationEnum = builder.enumType('Aggregation', { values: AGGREGATIONS });
export const FilterOperatorEnum = builder.enumType('FilterOperator', { values: FILTER_OPERATORS });
export const SortDirectionEnum = builder.enumType('SortDirection', { values: SORT_DIRECTIONS });
export const PermissionRuleOperatorEnum = builder.enumType('PermissionRuleOperator', { values: RULE_OPERATORS });

export const MeasureInput = builder.inputType('MeasureInput', {
  description: 'Either a field with an aggregation, or the name of a business calculation',
  fields: (t) => ({
    field: t.string({ description: '"model.field"' }),
    aggregation: t.field({ type: AggregationEnum }),
    calculation: t.string(),
  }),
});
export const FieldFilterInput = builder.inputType('FieldFilterInput', {
  description: 'Values are typed by the field: NUMBER numbers, DATE "YYYY-MM-DD", TIMESTAMP ISO-8601, BOOLEAN, STRING',
  fields: (t) => ({
    field: t.string({ required: true, description: '"model.field"' }),
    operator: t.field({ type: FilterOperatorEnum, required: true }),
    values: t.field({ type: ['JSON'], description: 'EQ, NE, GT, GTE, LT, LTE, CONTAINS: 1; BETWEEN: 2; IN, NOT_IN: 1 to 1000; IS_NULL, NOT_NULL: none' }),
  }),
});
export const SortInput = builder.inputType('SortInput', {
  fields: (t) => ({
    field: t.string({ required: true, description: 'A selected dimension ("model.field"), measure column name, calculation, or a measured field' }),
    direction: t.field({ type: SortDirectionEnum, defaultValue: 'ASC' }),
  }),
});
export const DatasetQueryInput = builder.inputType('DatasetQueryInput', {
  fields: (t) => ({
    dimensions: t.stringList({ description: '"model.field"; grouped by when there are measures' }),
    measures: t.field({ type: [MeasureInput] }),
    filters: t.field({ type: [FieldFilterInput], description: 'ANDed' }),
    sort: t.field({ type: [SortInput] }),
    limit: t.int({ description: 'Default 1000, at most 10000' }),
    offset: t.int({ description: '0 to 1000000' }),
  }),
});

export const ColumnRef = builder.objectRef<QueryColumn>('Column').implement({
  description: 'A result column: a dimension ("model.field"), a measure ("SUM(model.field)") or a calculation name',
  authScopes: { authenticated: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.exposeString('type', { description: 'STRING, NUMBER, DATE, TIMESTAMP or BOOLEAN' }),
  }),
});

export type QueryResultParent = QueryResultData & { dataset: Dataset };

export const QueryResultRef = builder.objectRef<QueryResultParent>('QueryResult').implement({
  description: 'Rows of a dataset query, row-level permission applied',
  authScopes: { authenticated: true },
  fields: (t) => ({
    columns: t.field({ type: [ColumnRef], resolve: (result) => result.columns }),
    rows: t.field({
      type: t.listRef(t.listRef('JSON', { nullable: true })),
      description: 'One array per row, in column order; numbers beyond 2^53 and exact decimals that a double cannot hold are strings',
      resolve: (result) => result.rows,
    }),
    rowCount: t.exposeInt('rowCount'),
    truncated: t.exposeBoolean('truncated', { description: 'More rows exist beyond the limit' }),
    sql: t.string({
      nullable: true,
      description: 'The generated SQL with $n placeholders; for those who may see definitions',
      authScopes: (result, _args, ctx) => guard('dataset.seeDefinition')(result.dataset, ctx),
      resolve: (result) => result.sql.text,
    }),
    sqlParameters: t.field({
      type: ['JSON'],
      nullable: true,
      description: 'The values bound to $1, $2, …; for those who may see definitions',
      authScopes: (result, _args, ctx) => guard('dataset.seeDefinition')(result.dataset, ctx),
      resolve: (result) => result.sql.values,
    }),
    missingAttributes: t.stringList({
      description: 'User attributes a permission rule needed and the viewer has no value for (those rules let no row through)',
      resolve: (result) => result.missingAttributes,
    }),
  }),
});

const PermissionRuleRef = builder.objectRef<PermissionRule>('DatasetPermissionRule').implement({
  description: 'A row-level permission rule: rows must satisfy every rule of the dataset',
  authScopes: { person: true },
  fields: (t) => ({
    field: t.exposeString('field'),
    operator: t.field({ type: PermissionRuleOperatorEnum, resolve: (rule) => rule.operator }),
    attribute: t.string({ nullable: true, resolve: (rule) => rule.attribute ?? null }),
    values: t.field({ type: ['JSON'], nullable: true, resolve: (rule) => rule.values ?? null }),
  }),
});

builder.objectFields(DatasetRef, (t) => ({
  query: t.field({
    type: QueryResultRef,
    description: 'Runs a query over the dataset on its data source; needs explore rights',
    args: { input: t.arg({ type: DatasetQueryInput, required: true }) },
    // A larger limit weighs as that many default-sized queries in the warehouse budget.
    complexity: (args) => datasetQueryCost(args.input.limit),
    authScopes: (dataset, _args, ctx) => guard('dataset.explore')(dataset, ctx),
    resolve: async (dataset, { input }, ctx) => ({ ...(await exploreDataset(ctx, dataset, input)), dataset }),
  }),
  permissionRules: t.field({
    type: [PermissionRuleRef],
    nullable: true,
    description: 'Row-level permission rules; for those who may manage the dataset',
    authScopes: (dataset, _args, ctx) => guard('dataset.manage')(dataset, ctx),
    resolve: (dataset) => dataset.permissionRules,
  }),
}));

const PermissionRuleInput = builder.inputType('DatasetPermissionRuleInput', {
  fields: (t) => ({
    field: t.string({ required: true, description: '"model.field"' }),
    operator: t.field({ type: PermissionRuleOperatorEnum, required: true }),
    attribute: t.string({ description: 'For MATCHES_USER_ATTRIBUTE: the user attribute' }),
    values: t.field({ type: ['JSON'], description: 'For IS and IS_NOT: 1 to 1000 values typed by the field' }),
  }),
});
const SetDatasetPermissionRulesInput = builder.inputType('SetDatasetPermissionRulesInput', {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    rules: t.field({ type: [PermissionRuleInput], required: true, description: 'Replaces all rules; an empty list removes them' }),
  }),
});

builder.mutationFields((t) => ({
  setDatasetPermissionRules: t.field({
    type: DatasetRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Needs dataset management; bumps the dataset version',
    args: { input: t.arg({ type: SetDatasetPermissionRulesInput, required: true }) },
    resolve: (_root, { input }, ctx) => setDatasetPermissionRules(ctx, { datasetId: rawId(input.datasetId, 'Dataset'), rules: input.rules }),
  }),
}));
