/**
 * The viewer's effective user-attribute values, as row-level permission rules consume them
 * (PRODUCT.md §5). Produced by the attributes module, consumed by the RLP compiler; the two meet
 * only here.
 */
export const ATTRIBUTE_TYPES = ['STRING', 'NUMBER', 'DATE', 'BOOLEAN'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** Attributes every user has; they cannot be defined, edited or set. */
export const SYSTEM_ATTRIBUTES = ['h_email', 'h_user_id', 'h_role'] as const;
export type SystemAttribute = (typeof SYSTEM_ATTRIBUTES)[number];

/** The name of a tenant-defined attribute. */
export const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export type AttributeScalar = string | number | boolean;

export type EffectiveValue =
  /** No restriction: a rule on this attribute drops out. */
  | { kind: 'ALL'; source: AttributeSource }
  /** These values only; an empty list matches nothing. */
  | { kind: 'VALUES'; values: AttributeScalar[]; source: AttributeSource }
  /** No value at all: a rule on this attribute yields no rows (fail closed). */
  | { kind: 'MISSING' };

/** Where an effective value came from, for `User.attributes`. */
export type AttributeSource = 'SYSTEM' | 'MANUAL' | 'USER_ALL' | 'GROUPS' | 'TOKEN';

export interface EffectiveAttributes {
  /** Includes the system attributes `h_email`, `h_user_id`, `h_role`. */
  get(name: string): EffectiveValue;
  /** The declared type of a tenant attribute (system attributes are STRING). */
  typeOf(name: string): AttributeType | undefined;
}
