/**
 * Every argument that takes an id, given one that is malformed (not a global id, a global id of
 * the right type around something that is not a uuid): the answer is BAD_USER_INPUT, NOT_FOUND or
 * FORBIDDEN, never INTERNAL — nothing malformed reaches SQL.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { describe, expect } from 'vitest';
import { schema } from '../../src/graphql/schema.ts';
import { graphql } from '../generated/gql.ts';
import { globalId } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const hasId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => hasId(field.type, seen));
};

/** A literal for `type`: ids are `id`, everything else a plausible value; optional fields only when they hold ids. */
function literal(type: GraphQLInputType, id: string): string {
  if (isNonNullType(type)) return literal(type.ofType, id);
  if (isListType(type)) return `[${literal(type.ofType, id)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || hasId(field.type));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type, id)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'ID':
      return JSON.stringify(id);
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    case 'DateTime':
      return '"2030-01-01T00:00:00Z"';
    case 'JSON':
      return '"x"';
    default:
      return '"x"';
  }
}

function document(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, id: string) {
  const args = field.args.filter((arg) => isNonNullType(arg.type) || hasId(arg.type));
  const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type, id)}`).join(', ')})` : '';
  const returned = getNamedType(field.type);
  const selection = isObjectType(returned) || isInterfaceType(returned) || isUnionType(returned) ? ' { __typename }' : '';
  return `${operation} { ${field.name}${argText}${selection} }`;
}

const rootFields = (['query', 'mutation'] as const).flatMap((operation) => {
  const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(root.getFields())
    .filter((field) => field.args.some((arg) => hasId(arg.type)))
    .map((field) => ({ operation, field }));
});

const MALFORMED = ['not-a-uuid', globalId('Folder', 'not-a-uuid'), globalId('User', "1' or '1'='1"), globalId('Dashboard', '')];

describe('malformed ids', () => {
  it('finds the id arguments to try', () => {
    expect(rootFields.map((f) => f.field.name)).toEqual(expect.arrayContaining(['folders', 'folder', 'user', 'updateUser', 'share', 'node']));
  });

  it.for(rootFields.map((f) => [`${f.operation} ${f.field.name}`, f] as const))(
    '%s never answers INTERNAL',
    async ([, { operation, field }], { kit, tenant: t }) => {
      for (const id of MALFORMED) {
        const text = document(operation, field, id);
        const res = await kit.gql(parse(text) as TypedDocumentNode<unknown, Record<string, never>>, {}, { token: t.admin.token });
        const codes = (res.errors ?? []).map((error) => error.extensions?.code);
        expect(codes, `${text} → ${JSON.stringify(res.errors)}`).not.toContain('INTERNAL');
      }
    },
  );
});

const Folders = graphql(`query MalformedFolders($parentId: ID) { folders(parentId: $parentId) { edges { node { id } } } }`);

describe('folders(parentId)', () => {
  it('a malformed parent id is BAD_USER_INPUT naming the argument', async ({ kit, tenant: t }) => {
    for (const parentId of ['not-a-uuid', globalId('Folder', 'not-a-uuid'), globalId('User', t.admin.id)]) {
      const res = await kit.gql(Folders, { parentId }, { token: t.admin.token });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    }
  });

  it('a well-formed parent id still lists its children', async ({ kit, tenant: t }) => {
    const res = await kit.gql(Folders, { parentId: globalId('Folder', '01890000-0000-7000-8000-000000000000') }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.folders?.edges).toEqual([]);
  });
});

const CreateDashboard = graphql(`mutation MalformedCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }`);
const MoveDashboard = graphql(`mutation MalformedMoveDashboard($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }`);
const AddWidget = graphql(`mutation MalformedAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }`);
const ShareWith = graphql(`mutation MalformedShare($input: ShareInput!) { share(input: $input) { __typename } }`);
const AddMembers = graphql(`mutation MalformedAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`);
const GrantDatasets = graphql(`mutation MalformedGrant($input: UpdateUserInput!) { updateUser(input: $input) { id } }`);

describe('a malformed id next to a valid one', () => {
  const bad = [globalId('Folder', 'not-a-uuid'), globalId('User', 'x'), globalId('Dataset', "1' or '1'='1"), 'garbage'];
  let dashboardId: string;
  it.beforeAll(async ({ kit, tenant: t }) => {
    const res = await kit.gql(CreateDashboard, { input: { title: 'Ids' } }, { token: t.admin.token });
    dashboardId = res.data!.createDashboard!.id;
  });
  const expectRefused = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }, codes = ['BAD_USER_INPUT', 'NOT_FOUND']) => {
    expect(res.errors, JSON.stringify(res.errors)).toBeDefined();
    expect(codes).toContain(res.errors![0]!.extensions!.code);
  };

  it('is refused without INTERNAL in every position', async ({ kit, tenant: t }) => {
    const group = await kit.addGroup(t.tenant, `ids-${Date.now()}`, []);
    for (const id of bad) {
      const moved = await kit.gql(MoveDashboard, { input: { id: dashboardId, folderId: id } }, { token: t.admin.token });
      expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.folderId' });
      expectRefused(await kit.gql(AddWidget, { input: { dashboardId, datasetId: id, title: 'w', query: {} } }, { token: t.admin.token }));
      expectRefused(await kit.gql(ShareWith, { input: { resourceId: dashboardId, userIds: [id] } }, { token: t.admin.token }));
      expectRefused(await kit.gql(ShareWith, { input: { resourceId: id, userIds: [t.viewer.globalId] } }, { token: t.admin.token }));
      expectRefused(await kit.gql(AddMembers, { input: { groupId: globalId('Group', group.id), userIds: [id] } }, { token: t.admin.token }));
      expectRefused(await kit.gql(GrantDatasets, { input: { id: t.viewer.globalId, datasetAccess: [{ datasetId: id }] } }, { token: t.admin.token }));
    }
  });

  it('the valid forms of the same calls go through', async ({ kit, tenant: t }) => {
    const moved = await kit.gql(MoveDashboard, { input: { id: dashboardId } }, { token: t.admin.token });
    expect(moved.errors).toBeUndefined();
    const shared = await kit.gql(ShareWith, { input: { resourceId: dashboardId, userIds: [t.viewer.globalId] } }, { token: t.admin.token });
    expect(shared.errors).toBeUndefined();
  });
});
