/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user { id email role }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query ViewerQuery {\n    viewer { kind user { id email role status } tenant { slug } impersonator { id } }\n  }\n": typeof types.ViewerQueryDocument,
    "mutation Logout { logout }": typeof types.LogoutDocument,
    "mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.DeactivateForAuthDocument,
    "\n  mutation AcceptFromCli($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { email role status } }\n  }\n": typeof types.AcceptFromCliDocument,
    "mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }": typeof types.GroupsCreateDocument,
    "mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }": typeof types.GroupsAddMembersDocument,
    "\n  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }\n": typeof types.GroupsRemoveMembersDocument,
    "\n  query GroupsList($first: Int, $after: String, $last: Int) {\n    groups(first: $first, after: $after, last: $last) {\n      edges { cursor node { id name memberCount } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.GroupsListDocument,
    "\n  query GroupsById($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id name memberCount\n      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": typeof types.GroupsByIdDocument,
    "query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }": typeof types.GroupsNodeDocument,
    "query Me { viewer { user { email } } }": typeof types.MeDocument,
    "\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n    }\n  }\n": typeof types.InvitationsInviteDocument,
    "\n  mutation InvitationsAccept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { id name email status } }\n  }\n": typeof types.InvitationsAcceptDocument,
    "\n  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }\n": typeof types.InvitationsResendDocument,
    "query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }": typeof types.InvitationsViewerDocument,
    "mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }": typeof types.InvitationsLoginDocument,
    "\n  query UserPrivate($id: ID!) {\n    user(id: $id) {\n      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt\n      groups { name }\n    }\n  }\n": typeof types.UserPrivateDocument,
    "\n  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.UsersListDocument,
    "\n  query UsersWithGroups($first: Int) {\n    users(first: $first) { edges { node { groups { name } } } }\n  }\n": typeof types.UsersWithGroupsDocument,
    "query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }": typeof types.NodeQueryDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }\n  }\n": typeof types.UpdateUserDocument,
    "mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.DeactivateDocument,
    "mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }": typeof types.RestoreDocument,
};
const documents: Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user { id email role }\n    }\n  }\n": types.LoginDocument,
    "\n  query ViewerQuery {\n    viewer { kind user { id email role status } tenant { slug } impersonator { id } }\n  }\n": types.ViewerQueryDocument,
    "mutation Logout { logout }": types.LogoutDocument,
    "mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }": types.DeactivateForAuthDocument,
    "\n  mutation AcceptFromCli($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { email role status } }\n  }\n": types.AcceptFromCliDocument,
    "mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }": types.GroupsCreateDocument,
    "mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }": types.GroupsAddMembersDocument,
    "\n  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }\n": types.GroupsRemoveMembersDocument,
    "\n  query GroupsList($first: Int, $after: String, $last: Int) {\n    groups(first: $first, after: $after, last: $last) {\n      edges { cursor node { id name memberCount } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.GroupsListDocument,
    "\n  query GroupsById($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id name memberCount\n      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": types.GroupsByIdDocument,
    "query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }": types.GroupsNodeDocument,
    "query Me { viewer { user { email } } }": types.MeDocument,
    "\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n    }\n  }\n": types.InvitationsInviteDocument,
    "\n  mutation InvitationsAccept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { id name email status } }\n  }\n": types.InvitationsAcceptDocument,
    "\n  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }\n": types.InvitationsResendDocument,
    "query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }": types.InvitationsViewerDocument,
    "mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }": types.InvitationsLoginDocument,
    "\n  query UserPrivate($id: ID!) {\n    user(id: $id) {\n      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt\n      groups { name }\n    }\n  }\n": types.UserPrivateDocument,
    "\n  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.UsersListDocument,
    "\n  query UsersWithGroups($first: Int) {\n    users(first: $first) { edges { node { groups { name } } } }\n  }\n": types.UsersWithGroupsDocument,
    "query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }": types.NodeQueryDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }\n  }\n": types.UpdateUserDocument,
    "mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.DeactivateDocument,
    "mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }": types.RestoreDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user { id email role }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user { id email role }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerQuery {\n    viewer { kind user { id email role status } tenant { slug } impersonator { id } }\n  }\n"): (typeof documents)["\n  query ViewerQuery {\n    viewer { kind user { id email role status } tenant { slug } impersonator { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout { logout }"): (typeof documents)["mutation Logout { logout }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptFromCli($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { email role status } }\n  }\n"): (typeof documents)["\n  mutation AcceptFromCli($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { email role status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }"): (typeof documents)["mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }"): (typeof documents)["mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }\n"): (typeof documents)["\n  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupsList($first: Int, $after: String, $last: Int) {\n    groups(first: $first, after: $after, last: $last) {\n      edges { cursor node { id name memberCount } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query GroupsList($first: Int, $after: String, $last: Int) {\n    groups(first: $first, after: $after, last: $last) {\n      edges { cursor node { id name memberCount } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupsById($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id name memberCount\n      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"): (typeof documents)["\n  query GroupsById($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id name memberCount\n      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }"): (typeof documents)["query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me { viewer { user { email } } }"): (typeof documents)["query Me { viewer { user { email } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n    }\n  }\n"): (typeof documents)["\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationsAccept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { id name email status } }\n  }\n"): (typeof documents)["\n  mutation InvitationsAccept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { id name email status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }\n"): (typeof documents)["\n  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }"): (typeof documents)["query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }"): (typeof documents)["mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserPrivate($id: ID!) {\n    user(id: $id) {\n      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt\n      groups { name }\n    }\n  }\n"): (typeof documents)["\n  query UserPrivate($id: ID!) {\n    user(id: $id) {\n      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt\n      groups { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersWithGroups($first: Int) {\n    users(first: $first) { edges { node { groups { name } } } }\n  }\n"): (typeof documents)["\n  query UsersWithGroups($first: Int) {\n    users(first: $first) { edges { node { groups { name } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }"): (typeof documents)["query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }"): (typeof documents)["mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;