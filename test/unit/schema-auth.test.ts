import { isInterfaceType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.ts';

/**
 * Fail closed at the schema level: every root field, and every field of every object type, must
 * declare who may read it (on the field or on its type). The only exceptions are the Relay
 * structures below, which carry nothing but objects whose own types are guarded.
 */
const STRUCTURAL_TYPES = new Set(['PageInfo']);
const isStructural = (type: GraphQLObjectType) => STRUCTURAL_TYPES.has(type.name) || type.name.endsWith('Connection') || type.name.endsWith('Edge');

interface PothosExtensions {
  pothosOptions?: { authScopes?: unknown };
}
const declaresAuth = (thing: { extensions?: unknown }) => (thing.extensions as PothosExtensions | undefined)?.pothosOptions?.authScopes !== undefined;

function undeclared(): string[] {
  const missing: string[] = [];
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    if (isStructural(type)) continue;
    const typeDeclares = declaresAuth(type);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const ok = roots.has(type.name) ? declaresAuth(field) : typeDeclares || declaresAuth(field);
      if (!ok) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

describe('schema-wide authorization declarations', () => {
  it('every root field and every field of a non-structural type declares auth scopes', () => {
    expect(undeclared()).toEqual([]);
  });

  it('covers every root field (the walk really sees the schema)', () => {
    const queryFields = Object.keys(schema.getQueryType()!.getFields());
    const mutationFields = Object.keys(schema.getMutationType()!.getFields());
    expect(queryFields).toEqual(expect.arrayContaining(['viewer', 'users', 'user', 'groups', 'group', 'node']));
    expect(mutationFields).toEqual(expect.arrayContaining(['login', 'inviteUsers', 'acceptInvitation', 'updateUser']));
  });

  it('guarded-by-field types expose no unguarded field through an interface', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInterfaceType(type) || type.name.startsWith('__')) continue;
      // The Node interface only carries `id`; implementations guard themselves.
      expect(Object.keys(type.getFields())).toEqual(['id']);
    }
  });

  it('no field anywhere is named like a secret, but the payloads that hand a new secret over once', () => {
    const secretish = /password|secret|hash/i;
    // Returned only in the response of the mutation that generates it (CONTRACT.md), never readable again.
    const shownOnce = new Set(['CreatedEmbedKey.secret', 'TwoFactorEnrollment.secret']);
    // Whether a secret is set, as a non-null Boolean: says nothing of the secret itself.
    const flags = new Set(['ShareableLink.hasPassword']);
    // Mutations about passwords (they answer a Boolean), not fields that read one.
    const passwordActions = new Set(['Mutation.requestPasswordReset', 'Mutation.resetPassword', 'Mutation.sendPasswordReset']);
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      for (const [name, field] of Object.entries(type.getFields())) {
        const key = `${type.name}.${name}`;
        if (flags.has(key) && String(field.type) === 'Boolean!') continue;
        if (secretish.test(name) && !shownOnce.has(key) && !passwordActions.has(key)) offenders.push(key);
      }
    }
    expect(offenders).toEqual([]);
  });
});
