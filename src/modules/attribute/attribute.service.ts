import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, forbidden, notFound, withUniqueGuard, type DomainError } from '../../errors.ts';
import { ATTRIBUTE_NAME, type AttributeScalar, type AttributeType } from '../../query/attributes.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Group } from '../group/group.entity.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { User } from '../user/user.entity.ts';
import { UserAttribute } from './attribute.entity.ts';
import {
  isSystemName,
  loadAttributeEntries,
  SYSTEM_ATTRIBUTE_INFO,
  valueProblem,
  type AttributeEntry,
  type AttributeInfo,
  type AttributeMode,
} from './effective.ts';

/** Managing attributes and their values is `people.manage` (PRODUCT.md §3: admins). */

const MAX_VALUES = 1000;
const MAX_NAMED_RULES = 10;

async function requireManager(ctx: RequestScope): Promise<Principal> {
  await assertCan(ctx, 'people.manage', {}, 'Only admins can manage user attributes');
  return ctx.viewer as Principal;
}

const infoOf = (a: { id: string; name: string; type: AttributeType; createdAt: Date }): AttributeInfo => ({
  id: a.id,
  name: a.name,
  type: a.type,
  system: false,
  createdAt: a.createdAt,
});

/** System attributes first, then the tenant's by name; any signed-in person may read them. */
export async function listUserAttributes(ctx: RequestScope): Promise<AttributeInfo[]> {
  const viewer = requirePerson(ctx);
  const rows = await ctx.em.find(UserAttribute, { tenant: viewer.tenantId }, { orderBy: { name: 'asc' } });
  return [...SYSTEM_ATTRIBUTE_INFO, ...rows.map(infoOf)];
}

export function validateAttributeName(raw: string, field: string): string {
  const name = raw.trim();
  if (isSystemName(name)) throw badInput(field, 'Names starting with h_ belong to system attributes, which cannot be defined, edited or set');
  if (!ATTRIBUTE_NAME.test(name)) throw badInput(field, 'An attribute name is a-z, 0-9 and _, starts with a letter and has at most 63 characters');
  return name;
}

/** The values checked against `type` (errors name the caller's position), each kept once. */
export function validateValues(type: AttributeType, values: readonly unknown[]): AttributeScalar[] {
  if (values.length > MAX_VALUES) throw badInput('input.values', `At most ${MAX_VALUES} values`);
  values.forEach((value, i) => {
    const problem = valueProblem(type, value);
    if (problem) throw badInput(`input.values[${i}]`, `${problem} (the attribute is ${type})`);
  });
  return [...new Set(values as AttributeScalar[])];
}

interface AttributeRow {
  id: string;
  name: string;
  type: AttributeType;
  created_at: Date;
}

/**
 * Reads an attribute by name and holds it (FOR SHARE) until the transaction ends, so a concurrent
 * type change or delete waits for the values written here, and this write sees the latest type.
 */
async function lockAttributeByName(em: EntityManager, tenantId: string, name: string): Promise<AttributeRow> {
  const [row] = await em.execute<AttributeRow[]>('select id, name, type, created_at from user_attributes where tenant_id = ? and name = ? for share', [
    tenantId,
    name,
  ]);
  if (!row) throw badInput('input.attribute', `No attribute named "${name}" in this workspace`);
  return row;
}

interface RuleUse {
  dataset_name: string;
  field: string | null;
}

/** Permission rules (`datasets.permission_rules`) of the tenant that name the attribute. */
async function rulesUsing(em: EntityManager, tenantId: string, name: string): Promise<RuleUse[]> {
  return em.execute<RuleUse[]>(
    `select d.name as dataset_name, r.rule->>'field' as field
       from datasets d
      cross join lateral jsonb_array_elements(
             case when jsonb_typeof(d.permission_rules) = 'array' then d.permission_rules else '[]'::jsonb end) as r(rule)
      where d.tenant_id = ? and r.rule->>'attribute' = ?
      order by d.name_key, d.id`,
    [tenantId, name],
  );
}

function usedByRules(name: string, uses: RuleUse[], field?: string): DomainError {
  const named = uses.slice(0, MAX_NAMED_RULES).map((u) => `dataset "${u.dataset_name}" (rule on ${u.field ?? '?'})`);
  const more = uses.length > MAX_NAMED_RULES ? ` and ${uses.length - MAX_NAMED_RULES} more` : '';
  return conflict(`Permission rules use the attribute "${name}": ${named.join(', ')}${more}; change those rules first`, field);
}

export async function createUserAttribute(ctx: RequestScope, input: { name: string; type: AttributeType }): Promise<AttributeInfo> {
  const viewer = await requireManager(ctx);
  const name = validateAttributeName(input.name, 'input.name');
  const taken = () => conflict(`An attribute named "${name}" already exists`, 'input.name');
  if ((await ctx.em.count(UserAttribute, { tenant: viewer.tenantId, name })) > 0) throw taken();
  const attribute = ctx.em.create(UserAttribute, { tenant: viewer.tenantId, name, type: input.type });
  recordAudit(ctx.em, viewer, {
    action: 'userAttribute.create',
    resourceType: 'USER_ATTRIBUTE',
    resourceId: attribute.id,
    summary: { name, type: input.type },
  });
  await withUniqueGuard(() => ctx.em.flush(), taken);
  return infoOf(attribute);
}

/**
 * Renames and retypes. Rules name attributes by name, so neither happens while a rule uses the
 * attribute; stored values are typed, so the type stays while any value is set.
 */
export async function updateUserAttribute(ctx: RequestScope, input: { id: string; name?: string | null; type?: AttributeType | null }): Promise<AttributeInfo> {
  const viewer = await requireManager(ctx);
  if (isSystemName(input.id)) throw badInput('input.id', 'System attributes cannot be edited');
  if (input.name == null && input.type == null) throw badInput('input', 'Give a new name or type');
  const name = input.name != null ? validateAttributeName(input.name, 'input.name') : undefined;
  const taken = () => conflict(`An attribute named "${name}" already exists`, 'input.name');
  const write = () =>
    ctx.em.transactional(async (em) => {
      const attribute = isUuid(input.id)
        ? await em.findOne(UserAttribute, { id: input.id, tenant: viewer.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
        : null;
      if (!attribute) throw notFound('User attribute');
      const renamed = name !== undefined && name !== attribute.name;
      const retyped = input.type != null && input.type !== attribute.type;
      if (!renamed && !retyped) return infoOf(attribute);
      if (renamed && (await em.count(UserAttribute, { tenant: viewer.tenantId, name })) > 0) throw taken();
      const uses = await rulesUsing(em, viewer.tenantId, attribute.name);
      if (uses.length > 0) throw usedByRules(attribute.name, uses, renamed ? 'input.name' : 'input.type');
      if (retyped) {
        const [{ used } = { used: false }] = await em.execute<{ used: boolean }[]>(
          `select exists (select 1 from user_attribute_values where attribute_id = ?)
               or exists (select 1 from group_attribute_values where attribute_id = ?) as used`,
          [attribute.id, attribute.id],
        );
        if (used) throw conflict(`Users or groups have values for "${attribute.name}"; remove them before changing its type`, 'input.type');
      }
      const before = { name: attribute.name, type: attribute.type };
      if (name !== undefined) attribute.name = name;
      if (input.type != null) attribute.type = input.type;
      recordAudit(em, viewer, {
        action: 'userAttribute.update',
        resourceType: 'USER_ATTRIBUTE',
        resourceId: attribute.id,
        summary: { changed: [...(renamed ? ['name'] : []), ...(retyped ? ['type'] : [])], before, after: { name: attribute.name, type: attribute.type } },
      });
      await em.flush();
      return infoOf(attribute);
    });
  return withUniqueGuard(write, taken);
}

/** Deletes an attribute no permission rule uses, with every user and group value of it. */
export async function deleteUserAttribute(ctx: RequestScope, id: string): Promise<string> {
  const viewer = await requireManager(ctx);
  if (isSystemName(id)) throw badInput('id', 'System attributes cannot be deleted');
  await ctx.em.transactional(async (em) => {
    const [row] = isUuid(id)
      ? await em.execute<AttributeRow[]>('select id, name, type from user_attributes where tenant_id = ? and id = ? for update', [viewer.tenantId, id])
      : [];
    if (!row) throw notFound('User attribute');
    const uses = await rulesUsing(em, viewer.tenantId, row.name);
    if (uses.length > 0) throw usedByRules(row.name, uses);
    await em.execute('delete from user_attributes where tenant_id = ? and id = ?', [viewer.tenantId, id]);
    recordAudit(em, viewer, { action: 'userAttribute.delete', resourceType: 'USER_ATTRIBUTE', resourceId: id, summary: { name: row.name, type: row.type } });
    await em.flush();
  });
  return id;
}

function attributeName(raw: string): string {
  if (isSystemName(raw.trim())) throw badInput('input.attribute', 'System attributes (h_…) cannot be set');
  return raw.trim();
}

const sameSetting = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface SetUserValueInput {
  userId: string;
  attribute: string;
  mode: AttributeMode;
  values?: readonly unknown[] | null;
}

/** INHERIT removes the user's own setting; MANUAL takes a list (empty: nothing); ALL lifts the restriction. */
export async function setUserAttributeValue(ctx: RequestScope, input: SetUserValueInput): Promise<AttributeEntry> {
  const viewer = await requireManager(ctx);
  const user = isUuid(input.userId) ? await ctx.em.findOne(User, { id: input.userId, tenant: viewer.tenantId }) : null;
  if (!user) throw notFound('User');
  if (user.id === viewer.userId) throw forbidden('You cannot change your own attributes');
  const name = attributeName(input.attribute);
  if (input.mode !== 'MANUAL' && input.values != null) throw badInput('input.values', `Values go with mode MANUAL only, not ${input.mode}`);
  if (input.mode === 'MANUAL' && input.values == null) throw badInput('input.values', 'MANUAL needs a list of values (it may be empty)');
  await ctx.em.transactional(async (em) => {
    const attribute = await lockAttributeByName(em, viewer.tenantId, name);
    const values = input.mode === 'MANUAL' ? validateValues(attribute.type, input.values ?? []) : [];
    const key = [viewer.tenantId, user.id, attribute.id];
    const [row] = await em.execute<{ mode: AttributeMode; values: unknown[] }[]>(
      'select mode, "values" from user_attribute_values where tenant_id = ? and user_id = ? and attribute_id = ? for update',
      key,
    );
    const before = row ? { mode: row.mode, ...(row.mode === 'MANUAL' ? { values: row.values } : {}) } : { mode: 'INHERIT' };
    const after = { mode: input.mode, ...(input.mode === 'MANUAL' ? { values } : {}) };
    if (input.mode === 'INHERIT') {
      await em.execute('delete from user_attribute_values where tenant_id = ? and user_id = ? and attribute_id = ?', key);
    } else {
      await em.execute(
        `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, "values", created_at, updated_at)
         values (?, ?, ?, ?, ?, ?::jsonb, now(), now())
         on conflict (user_id, attribute_id) do update set mode = excluded.mode, "values" = excluded."values", updated_at = now()`,
        [uuidv7(), ...key, input.mode, JSON.stringify(values)],
      );
    }
    if (sameSetting(before, after)) return;
    recordAudit(em, viewer, { action: 'user.setAttribute', resourceType: 'USER', resourceId: user.id, summary: { attribute: name, before, after } });
    await em.flush();
  });
  const [entries = []] = await loadAttributeEntries(ctx.em, viewer.tenantId, [user.id]);
  const entry = entries.find((e) => e.attribute.name === name);
  if (!entry) throw notFound('User attribute');
  return entry;
}

/** What a group sets for an attribute; `all: false, values: null` means it sets nothing. */
export interface GroupValueView {
  groupId: string;
  attribute: AttributeInfo;
  all: boolean;
  values: AttributeScalar[] | null;
}

export interface SetGroupValueInput {
  groupId: string;
  attribute: string;
  all?: boolean | null;
  values?: readonly unknown[] | null;
}

/** `all: true` sets ALL; a list sets that list (empty: nothing); `all: false` without values removes the group's setting. */
export async function setGroupAttributeValue(ctx: RequestScope, input: SetGroupValueInput): Promise<GroupValueView> {
  const viewer = await requireManager(ctx);
  const group = isUuid(input.groupId) ? await ctx.em.findOne(Group, { id: input.groupId, tenant: viewer.tenantId }) : null;
  if (!group) throw notFound('Group');
  const name = attributeName(input.attribute);
  const all = input.all ?? false;
  if (all && input.values != null) throw badInput('input.values', 'Give either all or values, not both');
  return ctx.em.transactional(async (em) => {
    const attribute = await lockAttributeByName(em, viewer.tenantId, name);
    const values = input.values != null ? validateValues(attribute.type, input.values) : null;
    const key = [viewer.tenantId, group.id, attribute.id];
    const [row] = await em.execute<{ all_values: boolean; values: unknown[] }[]>(
      'select all_values, "values" from group_attribute_values where tenant_id = ? and group_id = ? and attribute_id = ? for update',
      key,
    );
    const before = row ? { all: row.all_values, values: row.all_values ? null : row.values } : { all: false, values: null };
    const after = { all, values };
    if (!all && values === null) {
      await em.execute('delete from group_attribute_values where tenant_id = ? and group_id = ? and attribute_id = ?', key);
    } else {
      await em.execute(
        `insert into group_attribute_values (id, tenant_id, group_id, attribute_id, all_values, "values", created_at, updated_at)
         values (?, ?, ?, ?, ?, ?::jsonb, now(), now())
         on conflict (group_id, attribute_id) do update set all_values = excluded.all_values, "values" = excluded."values", updated_at = now()`,
        [uuidv7(), ...key, all, JSON.stringify(values ?? [])],
      );
    }
    if (!sameSetting(before, after)) {
      recordAudit(em, viewer, { action: 'group.setAttribute', resourceType: 'GROUP', resourceId: group.id, summary: { attribute: name, before, after } });
      await em.flush();
    }
    return { groupId: group.id, attribute: infoOf({ ...attribute, createdAt: attribute.created_at }), all, values };
  });
}

/** What each group sets, by attribute name; one statement for a page of groups. */
export async function loadGroupValues(em: EntityManager, tenantId: string, groupIds: readonly string[]): Promise<GroupValueView[][]> {
  if (groupIds.length === 0) return [];
  const rows = await em.execute<(AttributeRow & { group_id: string; all_values: boolean; values: AttributeScalar[] })[]>(
    `select gv.group_id, a.id, a.name, a.type, a.created_at, gv.all_values, gv."values"
       from group_attribute_values gv join user_attributes a on a.id = gv.attribute_id and a.tenant_id = gv.tenant_id
      where gv.tenant_id = ? and gv.group_id in (?) order by a.name`,
    [tenantId, [...groupIds]],
  );
  const byGroup = new Map<string, GroupValueView[]>(groupIds.map((id) => [id, []]));
  for (const r of rows) {
    byGroup.get(r.group_id)?.push({
      groupId: r.group_id,
      attribute: infoOf({ ...r, createdAt: r.created_at }),
      all: r.all_values,
      values: r.all_values ? null : r.values,
    });
  }
  return groupIds.map((id) => byGroup.get(id) ?? []);
}
