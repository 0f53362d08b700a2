import { wrap } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.ts';
import { encodeGlobalID, rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { DataSource } from '../data-source/data-source.entity.ts';
import { ShareRef } from '../share/share.graphql.ts';
import { listShares } from '../share/share.service.ts';
import { UserRef } from '../user/user.ref.ts';
import { canSeeThisDataset, datasetFacts, datasetPermissions, type DatasetPermissions } from './dataset.policy.ts';
import { Dataset } from './dataset.entity.ts';
import { FIELD_TYPES, type DatasetCalculation, type DatasetField, type DatasetModel, type DatasetRelationship } from '../../query/definition.ts';
import { createDataset, deleteDataset, findVisibleDataset, listDatasets, updateDataset } from './dataset.service.ts';
import { userLoaders } from '../user/user.loaders.ts';

/** Field-level guards: the matrix row for this dataset, with its facts. */
const guard = (action: 'dataset.seeDefinition' | 'dataset.manage') => async (dataset: Dataset, ctx: RequestScope) => ({
  allowed: { action, facts: await datasetFacts(ctx, dataset) },
});

export const DatasetFieldTypeEnum = builder.enumType('DatasetFieldType', { values: FIELD_TYPES });

const DatasetDataSourceRef = builder.objectRef<{ id: string; name: string }>('DatasetDataSource').implement({
  description: 'The data source a dataset reads (its id is a DataSource id)',
  authScopes: { person: true },
  fields: (t) => ({
    id: t.id({ resolve: (source) => encodeGlobalID('DataSource', source.id) }),
    name: t.exposeString('name'),
  }),
});

const DatasetFieldRef = builder.objectRef<{ dataset: Dataset; field: DatasetField }>('DatasetField').implement({
  description: 'A field of a model',
  authScopes: { person: true },
  fields: (t) => ({
    name: t.string({ resolve: ({ field }) => field.name }),
    type: t.field({ type: DatasetFieldTypeEnum, resolve: ({ field }) => field.type }),
    column: t.string({
      nullable: true,
      description: 'The column it reads: a field definition, for those who may see definitions',
      authScopes: (parent, _args, ctx) => guard('dataset.seeDefinition')(parent.dataset, ctx),
      resolve: ({ field }) => field.column,
    }),
  }),
});

const DatasetModelRef = builder.objectRef<{ dataset: Dataset; model: DatasetModel }>('DatasetModel').implement({
  description: 'A table or view of the data source, with its fields',
  authScopes: { person: true },
  fields: (t) => ({
    name: t.string({ resolve: ({ model }) => model.name }),
    table: t.string({ description: '"schema.table"', resolve: ({ model }) => model.table }),
    fields: t.field({
      type: [DatasetFieldRef],
      resolve: ({ dataset, model }) => model.fields.map((field) => ({ dataset, field })),
    }),
  }),
});

const DatasetRelationshipRef = builder.objectRef<DatasetRelationship>('DatasetRelationship').implement({
  description: 'A many-to-one join: `from` (many side) references `to` (one side), each "model.field"',
  authScopes: { person: true },
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
  }),
});

const DatasetCalculationRef = builder.objectRef<{ dataset: Dataset; calculation: DatasetCalculation }>('DatasetCalculation').implement({
  description: 'A named business calculation over the dataset’s fields',
  authScopes: { person: true },
  fields: (t) => ({
    name: t.string({ resolve: ({ calculation }) => calculation.name }),
    expression: t.string({
      nullable: true,
      description: 'A field definition, for those who may see definitions',
      authScopes: (parent, _args, ctx) => guard('dataset.seeDefinition')(parent.dataset, ctx),
      resolve: ({ calculation }) => calculation.expression,
    }),
  }),
});

const DatasetViewerCanRef = builder.objectRef<DatasetPermissions>('DatasetViewerCan').implement({
  description: 'What the viewer may do with the dataset (the role matrix with their overrides)',
  authScopes: { person: true },
  fields: (t) => ({
    explore: t.exposeBoolean('explore', { description: 'View and explore it, build widgets and filters from it' }),
    manage: t.exposeBoolean('manage', { description: 'Edit or delete it, its models, relationships, sharing and rules' }),
    seeDefinition: t.exposeBoolean('seeDefinition', { description: 'See field definitions, expressions and generated SQL' }),
  }),
});

/** The data source is joined when a dataset is loaded; load it when it was not. */
async function dataSourceOf(ctx: RequestScope, dataset: Dataset): Promise<{ id: string; name: string }> {
  if (wrap(dataset.dataSource).isInitialized()) return dataset.dataSource;
  return ctx.em.findOneOrFail(DataSource, { id: dataset.dataSource.id, tenant: requirePerson(ctx).tenantId });
}

export const DatasetRef = builder.objectRef<Dataset>('Dataset');
builder.node(DatasetRef, {
  description: 'Models, relationships and business calculations over one data source',
  authScopes: (dataset, ctx) => canSeeThisDataset(ctx, dataset),
  isTypeOf: (value) => value instanceof Dataset.class,
  id: { resolve: (dataset) => dataset.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    dataSource: t.field({ type: DatasetDataSourceRef, resolve: (dataset, _args, ctx) => dataSourceOf(ctx, dataset) }),
    owner: t.field({
      type: UserRef,
      resolve: async (dataset, _args, ctx) => {
        const owner = await userLoaders(ctx).byId.load(dataset.owner.id);
        if (!owner) throw new Error(`dataset ${dataset.id} has no owner in its tenant`);
        return owner;
      },
    }),
    version: t.exposeInt('version', { description: 'Bumped on every change of the definition or the rules' }),
    createdAt: t.field({ type: 'DateTime', resolve: (dataset) => dataset.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (dataset) => dataset.updatedAt }),
    models: t.field({
      type: [DatasetModelRef],
      resolve: (dataset) => dataset.definition.models.map((model) => ({ dataset, model })),
    }),
    relationships: t.field({
      type: [DatasetRelationshipRef],
      nullable: true,
      description: 'Field definitions, for those who may see definitions',
      authScopes: (dataset, _args, ctx) => guard('dataset.seeDefinition')(dataset, ctx),
      resolve: (dataset) => dataset.definition.relationships,
    }),
    calculations: t.field({
      type: [DatasetCalculationRef],
      resolve: (dataset) => dataset.definition.calculations.map((calculation) => ({ dataset, calculation })),
    }),
    shares: t.field({
      type: [ShareRef],
      nullable: true,
      description: 'Who it is shared with; for those who may manage it',
      authScopes: (dataset, _args, ctx) => guard('dataset.manage')(dataset, ctx),
      resolve: (dataset, _args, ctx) => listShares(ctx, dataset.id),
    }),
    viewerCan: t.field({ type: DatasetViewerCanRef, resolve: (dataset, _args, ctx) => datasetPermissions(ctx, dataset) }),
  }),
});

const DatasetFieldInput = builder.inputType('DatasetFieldInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'a-z, 0-9 and _, starting with a letter; unique in its model' }),
    column: t.string({ required: true }),
    type: t.field({ type: DatasetFieldTypeEnum, required: true }),
  }),
});
const DatasetModelInput = builder.inputType('DatasetModelInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'a-z, 0-9 and _, starting with a letter; unique in the dataset' }),
    table: t.string({ required: true, description: '"schema.table"; the schema must be allowed on the data source' }),
    fields: t.field({ type: [DatasetFieldInput], required: true }),
  }),
});
const DatasetRelationshipInput = builder.inputType('DatasetRelationshipInput', {
  fields: (t) => ({
    from: t.string({ required: true, description: '"model.field" on the many side' }),
    to: t.string({ required: true, description: '"model.field" on the one side' }),
  }),
});
const DatasetCalculationInput = builder.inputType('DatasetCalculationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    expression: t.string({ required: true, description: 'e.g. SUM(orders.amount) / COUNT_DISTINCT(orders.customer_id)' }),
  }),
});
const CreateDatasetInput = builder.inputType('CreateDatasetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    dataSourceId: t.id({ required: true }),
    models: t.field({ type: [DatasetModelInput], required: true }),
    relationships: t.field({ type: [DatasetRelationshipInput], defaultValue: [] }),
    calculations: t.field({ type: [DatasetCalculationInput], defaultValue: [] }),
  }),
});
const UpdateDatasetInput = builder.inputType('UpdateDatasetInput', {
  description: 'Each list given replaces the current one as a whole',
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    models: t.field({ type: [DatasetModelInput] }),
    relationships: t.field({ type: [DatasetRelationshipInput] }),
    calculations: t.field({ type: [DatasetCalculationInput] }),
  }),
});

builder.queryFields((t) => ({
  datasets: t.connection({
    type: DatasetRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Datasets the viewer may explore or manage',
    resolve: (_root, args, ctx) => idConnection(args, (window) => listDatasets(ctx, window)),
  }),
  dataset: t.field({
    type: DatasetRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => findVisibleDataset(ctx, rawId(args.id, 'Dataset')),
  }),
}));

builder.mutationFields((t) => ({
  createDataset: t.field({
    type: DatasetRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Needs dataset management on the data source (admins; analysts it is shared with)',
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    resolve: (_root, { input }, ctx) => createDataset(ctx, { ...input, dataSourceId: rawId(input.dataSourceId, 'DataSource') }),
  }),
  updateDataset: t.field({
    type: DatasetRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: UpdateDatasetInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateDataset(ctx, { ...input, id: rawId(input.id, 'Dataset') }),
  }),
  deleteDataset: t.id({
    nullable: true,
    authScopes: { person: true },
    description: 'Returns the id of the deleted dataset; CONFLICT while widgets or dashboard filters use it',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => encodeGlobalID('Dataset', await deleteDataset(ctx, rawId(args.id, 'Dataset'))),
  }),
}));
