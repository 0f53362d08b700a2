/**
 * Row-level permission (PRODUCT.md §5), compiled to SQL predicates. Pure: given a dataset's rules
 * and a viewer's effective attributes, `compileRlp` says what every row must satisfy; the query
 * compiler places each predicate (on a joined model, or through an EXISTS along relationships).
 *
 * Fail closed: a rule whose attribute has no value, an empty value list, or a field the dataset
 * no longer has yields `false`; NULL never matches (`= any(…)` is never true for NULL, and
 * IS_NOT says `is not null` explicitly). Values are array parameters cast to the field's type.
 */
import type { DatasetDefinition, FieldType, PermissionRule } from './definition.ts';
import { SYSTEM_ATTRIBUTES, type AttributeScalar, type EffectiveAttributes, type EffectiveValue } from './attributes.ts';
import { arrayParam, column, constant, PG_TYPE, type SqlExpr } from './ast.ts';

export interface RlpPredicate {
  /** The model whose row the predicate reads; null for a constant (`false`). */
  model: string | null;
  /** Columns are aliased by model name (`"countries"."name"`). */
  expr: SqlExpr;
}

export interface CompiledRlp {
  predicates: RlpPredicate[];
  /** Attributes a rule needed and the viewer has no value for, in rule order, once each. */
  missingAttributes: string[];
}

export { ATTRIBUTE_NAME, SYSTEM_ATTRIBUTES } from './attributes.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
const MAX_STRING = 10_000;

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text);
}

/**
 * A client-supplied value (a filter operand, a fixed rule value) typed by the field: the value to
 * bind, or why it does not fit. NUMBER takes finite JSON numbers, DATE `YYYY-MM-DD`, TIMESTAMP an
 * ISO-8601 date-time, BOOLEAN true/false, STRING a string (never NUL, never broken UTF-16).
 */
export function fieldValue(type: FieldType, raw: unknown): { value: AttributeScalar } | { error: string } {
  switch (type) {
    case 'NUMBER':
      return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { error: 'must be a finite number' };
    case 'BOOLEAN':
      return typeof raw === 'boolean' ? { value: raw } : { error: 'must be true or false' };
    case 'DATE':
      return typeof raw === 'string' && validDate(raw) ? { value: raw } : { error: 'must be a date, YYYY-MM-DD' };
    case 'TIMESTAMP':
      return typeof raw === 'string' && TIMESTAMP.test(raw) && validDate(raw.slice(0, 10)) && !Number.isNaN(Date.parse(raw.replace(' ', 'T')))
        ? { value: raw }
        : { error: 'must be an ISO-8601 date-time, e.g. 2024-05-01T12:00:00Z' };
    case 'STRING':
      if (typeof raw !== 'string') return { error: 'must be a string' };
      if (raw.includes('\0')) return { error: 'must not contain NUL characters' };
      if (!raw.isWellFormed()) return { error: 'must be well-formed Unicode' };
      if (raw.length > MAX_STRING) return { error: `must be at most ${MAX_STRING} characters` };
      return { value: raw };
  }
}

/**
 * A user-attribute value converted to the field's type, or undefined when it cannot equal any
 * value of that type (it is then left out: it could never match a row).
 */
export function attributeValue(type: FieldType, raw: AttributeScalar): AttributeScalar | undefined {
  switch (type) {
    case 'STRING': {
      const typed = fieldValue('STRING', String(raw));
      return 'value' in typed ? typed.value : undefined;
    }
    case 'NUMBER':
      if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
      return typeof raw === 'string' && DECIMAL.test(raw.trim()) ? raw.trim() : undefined;
    case 'BOOLEAN':
      if (typeof raw === 'boolean') return raw;
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'DATE':
    case 'TIMESTAMP': {
      const typed = fieldValue(type, raw);
      return 'value' in typed ? typed.value : undefined;
    }
  }
}

function fieldOf(definition: DatasetDefinition, ref: string) {
  const [modelName, fieldName] = ref.split('.');
  const model = definition.models.find((m) => m.name === modelName);
  const field = model?.fields.find((f) => f.name === fieldName);
  return model && field ? { model: model.name, field } : undefined;
}

const FALSE: RlpPredicate = { model: null, expr: constant('false') };

/** The values of a rule: the viewer's for MATCHES_USER_ATTRIBUTE, the fixed list otherwise. */
function ruleValues(rule: PermissionRule, attributes: EffectiveAttributes): EffectiveValue {
  if (rule.operator !== 'MATCHES_USER_ATTRIBUTE') {
    return { kind: 'VALUES', values: (rule.values ?? []) as AttributeScalar[], source: 'MANUAL' };
  }
  if (!rule.attribute) return { kind: 'MISSING' };
  return attributes.get(rule.attribute);
}

export function compileRlp(rules: readonly PermissionRule[], attributes: EffectiveAttributes, dataset: { definition: DatasetDefinition }): CompiledRlp {
  const predicates: RlpPredicate[] = [];
  const missing: string[] = [];
  for (const rule of rules) {
    const target = fieldOf(dataset.definition, rule.field);
    const effective = ruleValues(rule, attributes);
    if (effective.kind === 'MISSING') {
      const name = rule.attribute ?? '(none)';
      if (!missing.includes(name)) missing.push(name);
      predicates.push(FALSE);
      continue;
    }
    if (effective.kind === 'ALL') continue;
    if (!target) {
      predicates.push(FALSE);
      continue;
    }
    const type = target.field.type;
    const values = effective.values.flatMap((raw) => {
      const value = raw === null || raw === undefined ? undefined : attributeValue(type, raw);
      return value === undefined ? [] : [value];
    });
    const col = column(target.model, target.field.column);
    const matches: SqlExpr = { kind: 'quantified', expr: col, op: '=', quantifier: 'any', list: arrayParam(values, PG_TYPE[type]) };
    if (rule.operator === 'IS_NOT') {
      predicates.push({
        model: target.model,
        expr: {
          kind: 'and',
          items: [
            { kind: 'isNull', expr: col, negated: true },
            { kind: 'unary', op: 'not', operand: matches },
          ],
        },
      });
    } else {
      predicates.push(values.length === 0 ? FALSE : { model: target.model, expr: matches });
    }
  }
  return { predicates, missingAttributes: missing };
}

/** The caller, as far as row-level permission cares (a principal has these and more). */
export interface RestrictionSubject {
  kind: string;
  role: string;
  status: string;
  impersonatorId?: string | undefined;
  impersonatorRole?: string | undefined;
}

/** The share facts that lift the restriction; the impersonator's own, while one impersonates. */
export interface RestrictionFacts {
  dataSourceShared?: boolean;
  datasetShared?: boolean;
  impersonatorFacts?: RestrictionFacts;
}

/**
 * Who row-level permission restricts: VIEWER, EXPLORER and PUBLIC principals (embeds, links), and
 * ANALYSTs without the data source shared (who reach the dataset only through a dataset share).
 * ADMINs are never restricted. While impersonating, the role acted as decides, and a non-admin
 * impersonator's own restriction (with their own shares) applies too.
 */
export function isRestricted(viewer: RestrictionSubject, facts: RestrictionFacts): boolean {
  if (viewer.kind === 'EMBED' || viewer.kind === 'SHARE_LINK' || viewer.status === 'PUBLIC') return true;
  // While a non-admin impersonates, a restriction of either person restricts the query (the
  // target's attributes apply); without the impersonator's own facts they count as restricted.
  if (viewer.impersonatorId !== undefined && viewer.impersonatorRole !== 'ADMIN') {
    const impersonator = { kind: viewer.kind, role: viewer.impersonatorRole ?? 'VIEWER', status: 'ACTIVE' } as const;
    if (isRestricted(impersonator, facts.impersonatorFacts ?? {})) return true;
  }
  if (viewer.role === 'ADMIN') return false;
  if (viewer.role === 'ANALYST') return facts.dataSourceShared !== true;
  return true;
}

/** Effective attributes from a fixed table (tests, tokens); names not listed are MISSING. */
export function staticAttributes(
  values: Readonly<Record<string, readonly AttributeScalar[] | 'ALL'>>,
  source: 'SYSTEM' | 'TOKEN' | 'MANUAL' = 'MANUAL',
): EffectiveAttributes {
  return {
    get(name) {
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      if (value === undefined) return { kind: 'MISSING' };
      if (value === 'ALL') return { kind: 'ALL', source };
      return { kind: 'VALUES', values: [...value], source: name.startsWith('h_') ? 'SYSTEM' : source };
    },
    typeOf(name) {
      if ((SYSTEM_ATTRIBUTES as readonly string[]).includes(name)) return 'STRING';
      const first = Object.hasOwn(values, name) ? values[name] : undefined;
      if (first === undefined || first === 'ALL' || first.length === 0) return undefined;
      return typeof first[0] === 'number' ? 'NUMBER' : typeof first[0] === 'boolean' ? 'BOOLEAN' : 'STRING';
    },
  };
}

/** The system attributes of a person: `h_email`, `h_user_id`, `h_role`; everything else MISSING. */
export function systemAttributes(person: { email: string; userId: string; role: string }): EffectiveAttributes {
  return staticAttributes({ h_email: [person.email], h_user_id: [person.userId], h_role: [person.role] }, 'SYSTEM');
}
