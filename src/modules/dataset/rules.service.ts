import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan } from '../../authz/policy.ts';
import { badInput } from '../../errors.ts';
import { ATTRIBUTE_NAME, fieldValue, SYSTEM_ATTRIBUTES } from '../../query/rlp.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { datasetFacts } from './dataset.policy.ts';
import { Dataset } from './dataset.entity.ts';
import { type DatasetDefinition, type PermissionRule } from '../../query/definition.ts';
import { findVisibleDataset } from './dataset.service.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { fieldIndex } from './definition.ts';

/**
 * Row-level permission rules of a dataset (PRODUCT.md §5): `setDatasetPermissionRules` replaces
 * them as a whole. Needs `dataset.manage`. Fields must exist in the definition, fixed values are
 * typed by the field, attribute names follow the attribute syntax and, once the tenant's user
 * attributes are stored (table `user_attributes`), must name one of them or a system attribute.
 */

export const RULE_OPERATORS = ['MATCHES_USER_ATTRIBUTE', 'IS', 'IS_NOT'] as const;
export const RULE_LIMITS = { rules: 100, values: 1000 } as const;

export interface PermissionRuleInput {
  field: string;
  operator: PermissionRule['operator'];
  attribute?: string | null;
  values?: readonly unknown[] | null;
}

export interface SetPermissionRulesInput {
  datasetId: string;
  rules: readonly PermissionRuleInput[];
}

/** The rules, validated against `definition`: a clean copy with nothing but known properties. */
export function validateRules(definition: DatasetDefinition, rules: readonly PermissionRuleInput[]): PermissionRule[] {
  if (rules.length > RULE_LIMITS.rules) throw badInput('input.rules', `At most ${RULE_LIMITS.rules} rules are allowed`);
  const fields = fieldIndex(definition.models);
  return rules.map((rule, i) => {
    const path = `input.rules[${i}]`;
    const field = fields.get(rule.field);
    if (!field) throw badInput(`${path}.field`, `"${rule.field.slice(0, 130)}" is not a model.field of this dataset`);
    if (!RULE_OPERATORS.includes(rule.operator)) throw badInput(`${path}.operator`, `The operator must be one of ${RULE_OPERATORS.join(', ')}`);
    const values = rule.values ?? [];
    if (rule.operator === 'MATCHES_USER_ATTRIBUTE') {
      const attribute = rule.attribute ?? '';
      const system = (SYSTEM_ATTRIBUTES as readonly string[]).includes(attribute);
      if (!system && (!ATTRIBUTE_NAME.test(attribute) || attribute.startsWith('h_'))) {
        throw badInput(
          `${path}.attribute`,
          'Name a user attribute: a-z, 0-9 and _, starting with a letter (h_ names are system attributes: h_email, h_user_id, h_role)',
        );
      }
      if (values.length > 0) throw badInput(`${path}.values`, 'MATCHES_USER_ATTRIBUTE takes the viewer’s values; give no values');
      return { field: rule.field, operator: rule.operator, attribute, values: null };
    }
    if (rule.attribute != null) throw badInput(`${path}.attribute`, `${rule.operator} compares with fixed values; give no attribute`);
    if (values.length === 0 || values.length > RULE_LIMITS.values) throw badInput(`${path}.values`, `${rule.operator} takes 1 to ${RULE_LIMITS.values} values`);
    const typed = values.map((raw, j) => {
      const result = fieldValue(field.type, raw);
      if ('error' in result) throw badInput(`${path}.values`, `Value ${j + 1} for ${rule.field} (${field.type}) ${result.error}`);
      return result.value;
    });
    return { field: rule.field, operator: rule.operator, attribute: null, values: typed };
  });
}

/** Whether the user-attributes table exists yet (another module adds it); checked per call. */
async function attributeTableExists(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ column_name: string }[]>(
    `select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'user_attributes' and column_name in ('tenant_id', 'name')`,
  );
  return rows.length === 2;
}

async function assertAttributesExist(em: EntityManager, tenantId: string, rules: readonly PermissionRule[]): Promise<void> {
  const named = rules.flatMap((rule, i) =>
    rule.attribute && !(SYSTEM_ATTRIBUTES as readonly string[]).includes(rule.attribute) ? [{ name: rule.attribute, i }] : [],
  );
  if (named.length === 0 || !(await attributeTableExists(em))) return;
  const rows = await em.execute<{ name: string }[]>('select name from user_attributes where tenant_id = ? and name in (?)', [
    tenantId,
    [...new Set(named.map((n) => n.name))],
  ]);
  const known = new Set(rows.map((r) => r.name));
  const unknown = named.find((n) => !known.has(n.name));
  if (unknown) throw badInput(`input.rules[${unknown.i}].attribute`, `There is no user attribute named "${unknown.name}"`);
}

const auditRule = (rule: PermissionRule) => ({
  field: rule.field,
  operator: rule.operator,
  ...(rule.attribute ? { attribute: rule.attribute } : { values: (rule.values ?? []).slice(0, 20), valueCount: rule.values?.length ?? 0 }),
});

/** Replaces the dataset's rules, bumps its version (results cached under the old one go stale). */
export async function setDatasetPermissionRules(ctx: RequestScope, input: SetPermissionRulesInput): Promise<Dataset> {
  const viewer = requirePerson(ctx);
  const current = await findVisibleDataset(ctx, input.datasetId);
  await assertCan(ctx, 'dataset.manage', await datasetFacts(ctx, current), 'You may not change the permission rules of this dataset');
  const rules = validateRules(current.definition, input.rules);
  await assertAttributesExist(ctx.em, viewer.tenantId, rules);
  return ctx.em.transactional(async (em) => {
    const dataset = await em.findOneOrFail(Dataset, { id: current.id, tenant: viewer.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    // The definition may have changed since it was read: validate against the locked one.
    dataset.permissionRules = validateRules(dataset.definition, rules);
    dataset.version += 1;
    recordAudit(em, viewer, {
      action: 'dataset.setPermissionRules',
      resourceType: 'DATASET',
      resourceId: dataset.id,
      summary: { version: dataset.version, rules: dataset.permissionRules.map(auditRule) },
    });
    await em.flush();
    return dataset;
  });
}
