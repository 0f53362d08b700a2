import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal.ts';
import { assertCan, canAs } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, forbidden, notFound, withUniqueGuard } from '../../errors.ts';
import type { IdWindow } from '../../db/id-window.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DataSource } from '../data-source/data-source.entity.ts';
import { dataSourceFacts } from '../data-source/data-source.policy.ts';
import { requirePerson, type RequestScope, type ScopeParts } from '../../scope/scope.ts';
import { canSeeThisDataset, datasetFacts, mayManageSomeDataset, visibleDatasets } from './dataset.policy.ts';
import { dataSourceRow } from '../data-source/data-source.rows.ts';
import { deepFreeze } from '../../cache/metadata-cache.ts';
import { readThrough } from '../../cache/request-metadata.ts';
import { Dataset } from './dataset.entity.ts';
import { type DatasetCalculation, type DatasetDefinition, type DatasetRelationship } from '../../query/definition.ts';
import { fieldIndex, validateDefinition, type ModelInput } from './definition.ts';

/** Datasets the viewer may see, their data source joined; filtered in SQL by `visibleDatasets`. */
async function visibleQuery(ctx: RequestScope, viewer: Principal) {
  const visible = visibleDatasets(viewer, await ctx.loaders.subject(), 'd');
  return ctx.em.createQueryBuilder(Dataset, 'd').select('*').leftJoinAndSelect('d.dataSource', 'ds').where(visible.sql, visible.params);
}

export async function listDatasets(ctx: RequestScope, window: IdWindow): Promise<Dataset[]> {
  const viewer = requirePerson(ctx);
  const qb = await visibleQuery(ctx, viewer);
  if (window.after) qb.andWhere('d.id > ?', [window.after]);
  if (window.before) qb.andWhere('d.id < ?', [window.before]);
  return qb
    .orderBy({ id: window.descending ? 'desc' : 'asc' })
    .limit(window.limit)
    .getResultList();
}

/**
 * One of the tenant's datasets with its data source, or null; no permission check.
 *
 * In queries the entity comes from the metadata cache and is shared by concurrent requests: it
 * lives in an entity manager of its own that is never flushed, and its definition and rules are
 * frozen. Mutations (which may change it) always get a fresh one from their own entity manager.
 */
export async function datasetById(ctx: ScopeParts<'em' | 'metadata'>, tenantId: string, id: string): Promise<Dataset | null> {
  if (!isUuid(id)) return null;
  const shared = ctx.metadata?.serves(tenantId) ?? false;
  const load = async (): Promise<Dataset | null> => {
    const em = shared ? ctx.em.fork() : ctx.em;
    const [row] = await em.execute<{ data_source_id: string }[]>('select * from datasets where id = ? and tenant_id = ?', [id, tenantId]);
    const source = row ? await dataSourceRow({ em, metadata: ctx.metadata }, tenantId, row.data_source_id) : null;
    if (!row || !source) return null;
    // The data source first, so that the dataset's reference to it is this loaded entity.
    em.map(DataSource, source);
    const dataset = em.map(Dataset, row);
    if (shared) {
      deepFreeze(dataset.definition);
      deepFreeze(dataset.permissionRules);
    }
    return dataset;
  };
  return readThrough(ctx.metadata, tenantId, `dataset:${id}`, load, { freeze: false });
}

/**
 * A dataset the viewer may see; NOT_FOUND for missing, invisible and other tenants' ids alike.
 * Visibility is decided by the same `canAs()` rules the list's SQL filter is derived from.
 */
export async function findVisibleDataset(ctx: RequestScope, id: string): Promise<Dataset> {
  const viewer = requirePerson(ctx);
  const dataset = await datasetById(ctx, viewer.tenantId, id);
  if (!dataset || !(await canSeeThisDataset(ctx, dataset))) throw notFound('Dataset');
  return dataset;
}

/** Loads a visible dataset and requires `dataset.manage` on it (FORBIDDEN when only visible). */
export async function findManageableDataset(ctx: RequestScope, id: string): Promise<Dataset> {
  const dataset = await findVisibleDataset(ctx, id);
  await assertCan(ctx, 'dataset.manage', await datasetFacts(ctx, dataset), 'You may not change this dataset');
  return dataset;
}

export function validateDatasetName(raw: string): { name: string; nameKey: string } {
  const name = raw.trim();
  if (name.length === 0 || name.length > 200) throw badInput('input.name', 'The dataset name must be 1 to 200 characters');
  return { name, nameKey: name.toLowerCase() };
}

const nameTaken = (name: string) => () => conflict(`A dataset named "${name}" already exists`, 'input.name');

async function assertNameFree(em: EntityManager, viewer: Principal, nameKey: string, name: string): Promise<void> {
  if ((await em.count(Dataset, { tenant: viewer.tenantId, nameKey })) > 0) throw nameTaken(name)();
}

export interface CreateDatasetInput {
  name: string;
  dataSourceId: string;
  models: readonly ModelInput[];
  relationships?: readonly DatasetRelationship[] | null;
  calculations?: readonly DatasetCalculation[] | null;
}

export async function createDataset(ctx: RequestScope, input: CreateDatasetInput): Promise<Dataset> {
  const viewer = requirePerson(ctx);
  const subject = await ctx.loaders.subject();
  if (!mayManageSomeDataset(subject)) throw forbidden('You may not create datasets');
  const { name, nameKey } = validateDatasetName(input.name);
  // Missing, other tenants' and not-shared data sources get one answer, revealing nothing.
  const dataSource = isUuid(input.dataSourceId) ? await ctx.em.findOne(DataSource, { id: input.dataSourceId, tenant: viewer.tenantId }) : null;
  if (!dataSource || !canAs(subject, subject.impersonator, 'dataset.manage', await dataSourceFacts(ctx, dataSource.id))) {
    throw badInput('input.dataSourceId', 'No data source with this id that you may build datasets on');
  }
  const definition = validateDefinition(
    { models: input.models, relationships: input.relationships ?? [], calculations: input.calculations ?? [] },
    dataSource.schemas,
  );
  await assertNameFree(ctx.em, viewer, nameKey, name);
  return withUniqueGuard(
    () =>
      ctx.em.transactional(async (em) => {
        const dataset = em.create(Dataset, {
          id: uuidv7(),
          tenant: viewer.tenantId,
          dataSource,
          name,
          nameKey,
          owner: viewer.userId,
          definition,
          permissionRules: [],
        });
        recordAudit(em, viewer, { action: 'dataset.create', resourceType: 'DATASET', resourceId: dataset.id, summary: summarize(dataset) });
        await em.flush();
        return dataset;
      }),
    nameTaken(name),
  );
}

export interface UpdateDatasetInput {
  id: string;
  name?: string | null;
  models?: readonly ModelInput[] | null;
  relationships?: readonly DatasetRelationship[] | null;
  calculations?: readonly DatasetCalculation[] | null;
}

/** Rules restrict dataset fields; a definition that drops a field a rule needs is refused. */
function assertRulesKeepFields(dataset: Dataset, definition: DatasetDefinition): void {
  const fields = fieldIndex(definition.models);
  const orphan = dataset.permissionRules.find((rule) => !fields.has(rule.field));
  if (orphan) throw badInput('input.models', `The permission rule on ${orphan.field} needs that field; change the rules first`);
}

/** Replaces what the input names (each list as a whole) and bumps the version. */
export async function updateDataset(ctx: RequestScope, input: UpdateDatasetInput): Promise<Dataset> {
  const viewer = requirePerson(ctx);
  const current = await findManageableDataset(ctx, input.id);
  const changed = (['name', 'models', 'relationships', 'calculations'] as const).filter((key) => input[key] != null);
  if (changed.length === 0) throw badInput('input', 'Give at least one of name, models, relationships, calculations');
  const renamed = input.name != null ? validateDatasetName(input.name) : undefined;
  const schemas = current.dataSource.schemas;
  return withUniqueGuard(
    () =>
      ctx.em.transactional(async (em) => {
        // Concurrent updates apply one after the other, each to the latest definition.
        const dataset = await em.findOneOrFail(Dataset, { id: current.id, tenant: viewer.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        if (input.models != null || input.relationships != null || input.calculations != null) {
          const definition = validateDefinition(
            {
              models: input.models ?? dataset.definition.models,
              relationships: input.relationships ?? dataset.definition.relationships,
              calculations: input.calculations ?? dataset.definition.calculations,
            },
            schemas,
          );
          assertRulesKeepFields(dataset, definition);
          dataset.definition = definition;
        }
        if (renamed && renamed.nameKey !== dataset.nameKey) await assertNameFree(em, viewer, renamed.nameKey, renamed.name);
        if (renamed) Object.assign(dataset, renamed);
        dataset.version += 1;
        recordAudit(em, viewer, {
          action: 'dataset.update',
          resourceType: 'DATASET',
          resourceId: dataset.id,
          summary: { changed, version: dataset.version, ...summarize(dataset) },
        });
        await em.flush();
        return dataset;
      }),
    nameTaken(input.name?.trim() ?? ''),
  );
}

/** Deletes a dataset no widget or dashboard filter uses; its shares and access entries go with it. */
export async function deleteDataset(ctx: RequestScope, id: string): Promise<string> {
  const viewer = requirePerson(ctx);
  const dataset = await findManageableDataset(ctx, id);
  const inUse = () => conflict('Widgets or dashboard filters use this dataset; remove them first');
  try {
    await ctx.em.transactional(async (em) => {
      // The row lock orders this against widgets being added to the dataset meanwhile.
      const locked = await em.execute('select id from datasets where id = ? and tenant_id = ? for update', [dataset.id, viewer.tenantId]);
      if (locked.length === 0) throw notFound('Dataset');
      const [usage] = await em.execute<{ used: boolean }[]>(
        `select exists (select 1 from widgets w where w.tenant_id = ? and w.dataset_id = ?)
             or exists (select 1 from dashboard_filters f where f.tenant_id = ? and f.dataset_id = ?) as used`,
        [viewer.tenantId, dataset.id, viewer.tenantId, dataset.id],
      );
      if (usage?.used) throw inUse();
      await em.execute(`delete from shares where tenant_id = ? and resource_type = 'DATASET' and resource_id = ?`, [viewer.tenantId, dataset.id]);
      await em.nativeDelete(Dataset, { id: dataset.id, tenant: viewer.tenantId });
      recordAudit(em, viewer, { action: 'dataset.delete', resourceType: 'DATASET', resourceId: dataset.id, summary: { name: dataset.name } });
      await em.flush();
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'ForeignKeyConstraintViolationException') throw inUse();
    throw error;
  }
  return dataset.id;
}

function summarize(dataset: Dataset): Record<string, unknown> {
  return {
    name: dataset.name,
    dataSourceId: dataset.dataSource.id,
    models: dataset.definition.models.map((m) => m.name),
    relationships: dataset.definition.relationships.length,
    calculations: dataset.definition.calculations.map((c) => c.name),
  };
}
