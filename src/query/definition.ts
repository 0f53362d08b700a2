/**
 * What the query engine is handed: a dataset's definition and row-level permission rules. The
 * engine owns these shapes; the dataset entity stores them as they are.
 */
export const FIELD_TYPES = ['STRING', 'NUMBER', 'DATE', 'TIMESTAMP', 'BOOLEAN'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface DatasetField {
  name: string;
  column: string;
  type: FieldType;
}
export interface DatasetModel {
  name: string;
  /** `schema.table` */
  table: string;
  fields: DatasetField[];
}
export interface DatasetRelationship {
  /** `model.field` on the many side */
  from: string;
  /** `model.field` on the one side */
  to: string;
}
export interface DatasetCalculation {
  name: string;
  expression: string;
}
export interface PermissionRule {
  field: string;
  operator: 'MATCHES_USER_ATTRIBUTE' | 'IS' | 'IS_NOT';
  attribute?: string | null;
  values?: unknown[] | null;
}
export interface DatasetDefinition {
  models: DatasetModel[];
  relationships: DatasetRelationship[];
  calculations: DatasetCalculation[];
}
