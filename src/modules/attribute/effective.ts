import type { EntityManager } from '@mikro-orm/postgresql';
import {
  SYSTEM_ATTRIBUTES,
  type AttributeScalar,
  type AttributeSource,
  type AttributeType,
  type EffectiveAttributes,
  type EffectiveValue,
  type SystemAttribute,
} from '../../query/attributes.ts';

/**
 * Effective user-attribute values (PRODUCT.md §5): system attributes, then the user's own
 * setting (MANUAL / ALL), else the union of what the user's groups set (INHERIT), else MISSING.
 * Everything here reads the database as it is now: nothing is cached across requests.
 */

export { SYSTEM_ATTRIBUTES, type SystemAttribute } from '../../query/attributes.ts';
/** Every `h_` name is reserved, not only the three that exist today. */
export const isSystemName = (name: string) => name.startsWith('h_');

export type AttributeMode = 'INHERIT' | 'MANUAL' | 'ALL';

export interface AttributeInfo {
  /** Row id; for a system attribute its name (global ids stay opaque either way). */
  id: string;
  name: string;
  type: AttributeType;
  system: boolean;
  createdAt: Date | null;
}

/** One attribute of one user, as `User.attributes` shows it. */
export interface AttributeEntry {
  attribute: AttributeInfo;
  /** The user's own setting; null for system attributes. */
  mode: AttributeMode | null;
  effective: EffectiveValue;
}

export interface AttributePrincipal {
  tenantId: string;
  userId: string;
  email: string;
  role: string;
}

const MISSING: EffectiveValue = { kind: 'MISSING' };
const MAX_STRING = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why `value` is not a value of `type`, or undefined when it is one. */
export function valueProblem(type: AttributeType, value: unknown): string | undefined {
  switch (type) {
    case 'STRING':
      if (typeof value !== 'string') return 'Expected a string';
      if (value.includes('\u0000') || !value.isWellFormed()) return 'Text cannot contain NUL characters or broken Unicode';
      return value.length > MAX_STRING ? `At most ${MAX_STRING} characters` : undefined;
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Expected a finite number';
    case 'BOOLEAN':
      return typeof value === 'boolean' ? undefined : 'Expected true or false';
    case 'DATE': {
      if (typeof value !== 'string' || !DATE.test(value)) return 'Expected a date as YYYY-MM-DD';
      const date = new Date(`${value}T00:00:00Z`);
      // Rejects 2024-02-30 and friends, which Date would roll over into March.
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? undefined : 'Not a real date';
    }
  }
}

/** The values of `type` in `values`, each once, in a stable order; anything else is dropped (never widens). */
export function typedValues(type: AttributeType, values: readonly unknown[]): AttributeScalar[] {
  const kept = [...new Set(values)].filter((v): v is AttributeScalar => valueProblem(type, v) === undefined);
  return type === 'NUMBER' ? (kept as number[]).sort((a, b) => a - b) : kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const systemInfo = (name: SystemAttribute): AttributeInfo => ({ id: name, name, type: 'STRING', system: true, createdAt: null });
export const SYSTEM_ATTRIBUTE_INFO: readonly AttributeInfo[] = SYSTEM_ATTRIBUTES.map(systemInfo);

function systemEntries(principal: Omit<AttributePrincipal, 'tenantId'>): AttributeEntry[] {
  const values: Record<SystemAttribute, string> = { h_email: principal.email, h_user_id: principal.userId, h_role: principal.role };
  return SYSTEM_ATTRIBUTE_INFO.map((attribute) => ({
    attribute,
    mode: null,
    effective: { kind: 'VALUES', values: [values[attribute.name as SystemAttribute]], source: 'SYSTEM' },
  }));
}

interface AttributeRow {
  user_id: string;
  email: string;
  role: string;
  id: string | null;
  name: string | null;
  type: AttributeType | null;
  created_at: Date | null;
  mode: 'MANUAL' | 'ALL' | null;
  user_values: unknown[] | null;
  group_count: number | null;
  any_all: boolean | null;
  group_values: unknown[][] | null;
}

/**
 * One statement for any number of users: each user (bound to the tenant) × each attribute of the
 * tenant, with the user's own row and what the user's groups set, aggregated per user and attribute.
 */
const ATTRIBUTE_ROWS_SQL = `
  select u.id as user_id, u.email, u.role, a.id, a.name, a.type, a.created_at,
         uv.mode, uv.values as user_values, g.group_count, g.any_all, g.group_values
    from users u
    left join user_attributes a on a.tenant_id = u.tenant_id
    left join user_attribute_values uv on uv.tenant_id = u.tenant_id and uv.user_id = u.id and uv.attribute_id = a.id
    left join (
      select m.user_id, gv.attribute_id, count(*)::int as group_count, bool_or(gv.all_values) as any_all,
             jsonb_agg(gv.values) as group_values
        from group_memberships m
        join group_attribute_values gv on gv.tenant_id = m.tenant_id and gv.group_id = m.group_id
       where m.tenant_id = ? and m.user_id in (?)
       group by m.user_id, gv.attribute_id
    ) g on g.user_id = u.id and g.attribute_id = a.id
   where u.tenant_id = ? and u.id in (?)
   order by a.name`;

function effectiveOf(row: AttributeRow & { type: AttributeType }): { mode: AttributeMode; effective: EffectiveValue } {
  if (row.mode === 'ALL') return { mode: 'ALL', effective: { kind: 'ALL', source: 'USER_ALL' } };
  if (row.mode === 'MANUAL') {
    return { mode: 'MANUAL', effective: { kind: 'VALUES', values: typedValues(row.type, row.user_values ?? []), source: 'MANUAL' } };
  }
  if (!row.group_count) return { mode: 'INHERIT', effective: MISSING };
  if (row.any_all) return { mode: 'INHERIT', effective: { kind: 'ALL', source: 'GROUPS' } };
  const union = (row.group_values ?? []).flatMap((list) => (Array.isArray(list) ? list : []));
  return { mode: 'INHERIT', effective: { kind: 'VALUES', values: typedValues(row.type, union), source: 'GROUPS' } };
}

function tenantEntries(rows: AttributeRow[]): AttributeEntry[] {
  return rows.flatMap((row) => {
    if (!row.id || !row.name || !row.type) return [];
    const attribute: AttributeInfo = { id: row.id, name: row.name, type: row.type, system: false, createdAt: row.created_at };
    return [{ attribute, ...effectiveOf({ ...row, type: row.type }) }];
  });
}

async function attributeRows(em: EntityManager, tenantId: string, userIds: readonly string[]): Promise<Map<string, AttributeRow[]>> {
  const byUser = new Map<string, AttributeRow[]>();
  if (userIds.length === 0) return byUser;
  const ids = [...new Set(userIds)];
  const rows = await em.execute<AttributeRow[]>(ATTRIBUTE_ROWS_SQL, [tenantId, ids, tenantId, ids]);
  for (const row of rows) {
    const list = byUser.get(row.user_id);
    if (list) list.push(row);
    else byUser.set(row.user_id, [row]);
  }
  return byUser;
}

/**
 * Every attribute of each user (system attributes first, then the tenant's by name), in one
 * statement. Users not of the tenant get an empty list.
 */
export async function loadAttributeEntries(em: EntityManager, tenantId: string, userIds: readonly string[]): Promise<AttributeEntry[][]> {
  const byUser = await attributeRows(em, tenantId, userIds);
  return userIds.map((userId) => {
    const rows = byUser.get(userId);
    if (!rows?.[0]) return [];
    return [...systemEntries({ userId, email: rows[0].email, role: rows[0].role }), ...tenantEntries(rows)];
  });
}

class Effective implements EffectiveAttributes {
  private readonly values: ReadonlyMap<string, EffectiveValue>;
  private readonly types: ReadonlyMap<string, AttributeType>;

  constructor(entries: readonly { name: string; type: AttributeType; effective: EffectiveValue }[]) {
    this.values = new Map(entries.map((e) => [e.name, e.effective]));
    this.types = new Map(entries.map((e) => [e.name, e.type]));
  }

  get(name: string): EffectiveValue {
    return this.values.get(name) ?? MISSING;
  }

  typeOf(name: string): AttributeType | undefined {
    return this.types.get(name);
  }
}

const flat = (entries: AttributeEntry[]) => entries.map((e) => ({ name: e.attribute.name, type: e.attribute.type, effective: e.effective }));

/**
 * The effective attributes of a signed-in user, for row-level permission: one statement.
 * System attributes take the given email, id and role.
 */
export async function loadEffectiveAttributes(em: EntityManager, principal: AttributePrincipal): Promise<EffectiveAttributes> {
  const rows = (await attributeRows(em, principal.tenantId, [principal.userId])).get(principal.userId) ?? [];
  return new Effective(flat([...systemEntries(principal), ...tenantEntries(rows)]));
}

/** The tenant's attribute types (system attributes included), for `effectiveFromValues`. */
export async function loadAttributeTypes(em: EntityManager, tenantId: string): Promise<Map<string, AttributeType>> {
  const rows = await em.execute<{ name: string; type: AttributeType }[]>('select name, type from user_attributes where tenant_id = ?', [tenantId]);
  return new Map([...SYSTEM_ATTRIBUTES.map((name) => [name, 'STRING'] as const), ...rows.map((r) => [r.name, r.type] as const)]);
}

/**
 * Effective attributes from explicit values (an embed token's `user_attributes`), source TOKEN.
 * Only names in `types` count; a value is a scalar or a list of scalars of the attribute's type,
 * anything else in it is dropped, and an absent or null value is MISSING. There is no way to say
 * ALL here. System attributes come only from `system` (never from `values`); without it they are
 * MISSING.
 */
export function effectiveFromValues(
  types: ReadonlyMap<string, AttributeType>,
  values: Readonly<Record<string, unknown>>,
  system?: { email: string; userId: string; role: string },
): EffectiveAttributes {
  const source: AttributeSource = 'TOKEN';
  const entries: { name: string; type: AttributeType; effective: EffectiveValue }[] = SYSTEM_ATTRIBUTES.map((name) => ({
    name,
    type: 'STRING',
    effective: MISSING,
  }));
  if (system) for (const e of systemEntries(system)) entries.push({ name: e.attribute.name, type: 'STRING', effective: e.effective });
  for (const [name, type] of types) {
    if (isSystemName(name)) continue;
    const raw = Object.hasOwn(values, name) ? values[name] : undefined;
    if (raw === undefined || raw === null) {
      entries.push({ name, type, effective: MISSING });
      continue;
    }
    entries.push({ name, type, effective: { kind: 'VALUES', values: typedValues(type, Array.isArray(raw) ? raw : [raw]), source } });
  }
  return new Effective(entries);
}
