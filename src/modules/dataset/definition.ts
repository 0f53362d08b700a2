import { badInput } from '../../errors.ts';
import { ExpressionError, parseExpression } from '../../query/expression.ts';
import {
  FIELD_TYPES,
  type DatasetCalculation,
  type DatasetDefinition,
  type DatasetField,
  type DatasetModel,
  type DatasetRelationship,
  type FieldType,
} from '../../query/definition.ts';

/**
 * Validation of a dataset definition (models, relationships, business calculations). Every error
 * is BAD_USER_INPUT naming the input path at fault, e.g. `input.models[1].fields[0].name`.
 */

/** Names of models, fields and calculations. */
export const NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** Schema, table and column names (the query compiler will always quote them). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const DEFINITION_LIMITS = { models: 100, fields: 500, relationships: 200, calculations: 200 } as const;

export interface FieldInput {
  name: string;
  column: string;
  type: FieldType;
}
export interface ModelInput {
  name: string;
  table: string;
  fields: readonly FieldInput[];
}
export interface DefinitionInput {
  models: readonly ModelInput[];
  relationships: readonly DatasetRelationship[];
  calculations: readonly DatasetCalculation[];
}

const NAME_RULE = 'must start with a lower-case letter and contain only a-z, 0-9 and _ (at most 63 characters)';

function checkList(list: readonly unknown[], path: string, max: number, min = 0): void {
  if (list.length < min) throw badInput(path, `Give at least ${min}`);
  if (list.length > max) throw badInput(path, `At most ${max} are allowed`);
}

/** Checks each item's name and that no name repeats within the list. */
function checkNames(items: readonly { name: string }[], path: string, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (!NAME.test(item.name)) throw badInput(`${path}[${i}].name`, `A ${what} name ${NAME_RULE}`);
    const first = seen.get(item.name);
    if (first !== undefined) throw badInput(`${path}[${i}].name`, `The ${what} name "${item.name}" is used twice (also at ${path}[${first}])`);
    seen.set(item.name, i);
  });
}

function checkTable(table: string, path: string, schemas: readonly string[]): void {
  const parts = table.split('.');
  if (parts.length !== 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw badInput(path, 'The table must be "schema.table", each part a plain identifier (letters, digits, _)');
  }
  if (!schemas.includes(parts[0]!)) {
    const allowed = schemas.length ? schemas.map((s) => `"${s}"`).join(', ') : 'none';
    throw badInput(path, `The schema "${parts[0]}" is not allowed on this data source (allowed: ${allowed})`);
  }
}

function validateModels(models: readonly ModelInput[], schemas: readonly string[]): DatasetModel[] {
  checkList(models, 'input.models', DEFINITION_LIMITS.models, 1);
  checkNames(models, 'input.models', 'model');
  return models.map((model, m) => {
    const path = `input.models[${m}]`;
    checkTable(model.table, `${path}.table`, schemas);
    checkList(model.fields, `${path}.fields`, DEFINITION_LIMITS.fields, 1);
    checkNames(model.fields, `${path}.fields`, 'field');
    const fields = model.fields.map((field, f): DatasetField => {
      if (!IDENTIFIER.test(field.column)) {
        throw badInput(`${path}.fields[${f}].column`, 'A column must be a plain identifier (letters, digits, _; at most 63 characters)');
      }
      if (!FIELD_TYPES.includes(field.type)) throw badInput(`${path}.fields[${f}].type`, `The type must be one of ${FIELD_TYPES.join(', ')}`);
      return { name: field.name, column: field.column, type: field.type };
    });
    return { name: model.name, table: model.table, fields };
  });
}

function validateRelationships(relationships: readonly DatasetRelationship[], fields: ReadonlyMap<string, DatasetField>): DatasetRelationship[] {
  checkList(relationships, 'input.relationships', DEFINITION_LIMITS.relationships);
  const seen = new Map<string, number>();
  return relationships.map((relationship, i) => {
    const path = `input.relationships[${i}]`;
    const end = (side: 'from' | 'to') => {
      const ref = relationship[side];
      const field = fields.get(ref);
      if (!field) throw badInput(`${path}.${side}`, `"${ref.slice(0, 130)}" is not a model.field of this dataset`);
      return { model: ref.split('.')[0]!, field };
    };
    const from = end('from');
    const to = end('to');
    if (from.model === to.model) throw badInput(`${path}.to`, 'A relationship joins two different models');
    if (from.field.type !== to.field.type) {
      throw badInput(`${path}.to`, `${relationship.from} is ${from.field.type} but ${relationship.to} is ${to.field.type}`);
    }
    const key = `${relationship.from}>${relationship.to}`;
    const first = seen.get(key);
    if (first !== undefined) throw badInput(`${path}.to`, `The same relationship is listed twice (also at input.relationships[${first}])`);
    seen.set(key, i);
    return { from: relationship.from, to: relationship.to };
  });
}

function validateCalculations(calculations: readonly DatasetCalculation[], fields: ReadonlyMap<string, DatasetField>): DatasetCalculation[] {
  checkList(calculations, 'input.calculations', DEFINITION_LIMITS.calculations);
  checkNames(calculations, 'input.calculations', 'calculation');
  const knownFields = new Set(fields.keys());
  return calculations.map((calculation, i) => {
    try {
      parseExpression(calculation.expression, { knownFields });
    } catch (error) {
      if (error instanceof ExpressionError) throw badInput(`input.calculations[${i}].expression`, error.message);
      throw error;
    }
    return { name: calculation.name, expression: calculation.expression };
  });
}

/** `model.field` → field, for a validated list of models. */
export function fieldIndex(models: readonly DatasetModel[]): Map<string, DatasetField> {
  return new Map(models.flatMap((model) => model.fields.map((field) => [`${model.name}.${field.name}`, field] as const)));
}

/**
 * A validated copy of the definition (nothing but the known properties), or BAD_USER_INPUT at
 * the first fault. `schemas` is the data source's schema allowlist.
 */
export function validateDefinition(input: DefinitionInput, schemas: readonly string[]): DatasetDefinition {
  const models = validateModels(input.models, schemas);
  const fields = fieldIndex(models);
  return {
    models,
    relationships: validateRelationships(input.relationships, fields),
    calculations: validateCalculations(input.calculations, fields),
  };
}
