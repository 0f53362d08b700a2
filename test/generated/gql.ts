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
    "\n  mutation AtCreate($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name prefix lastUsedAt revokedAt } } }\n": typeof types.AtCreateDocument,
    "mutation AtRevoke($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }": typeof types.AtRevokeDocument,
    "query AtList { apiTokens(first: 100) { edges { node { id name prefix createdAt lastUsedAt revokedAt } } } }": typeof types.AtListDocument,
    "query AtViewer { viewer { kind user { id email role } tenant { slug } } }": typeof types.AtViewerDocument,
    "mutation AtUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id allowApiAccess } }": typeof types.AtUpdateUserDocument,
    "mutation AtDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.AtDeactivateDocument,
    "mutation AtRestore($id: ID!) { restoreUser(id: $id) { id status } }": typeof types.AtRestoreDocument,
    "query AtNode($id: ID!) { node(id: $id) { id ... on ApiToken { name revokedAt } } }": typeof types.AtNodeDocument,
    "mutation AtImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.AtImpersonateDocument,
    "mutation AttrCreate($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id name type system createdAt } }": typeof types.AttrCreateDocument,
    "mutation AttrUpdate($input: UpdateUserAttributeInput!) { updateUserAttribute(input: $input) { id name type } }": typeof types.AttrUpdateDocument,
    "mutation AttrDelete($id: ID!) { deleteUserAttribute(id: $id) }": typeof types.AttrDeleteDocument,
    "query AttrList { userAttributes { id name type system } }": typeof types.AttrListDocument,
    "\n  mutation AttrSetUser($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { attribute { name type } mode source effective { all values missing } }\n  }\n": typeof types.AttrSetUserDocument,
    "\n  mutation AttrSetGroup($input: SetGroupAttributeValueInput!) {\n    setGroupAttributeValue(input: $input) { group { name } attribute { name } all values }\n  }\n": typeof types.AttrSetGroupDocument,
    "\n  query AttrOfUser($id: ID!) {\n    user(id: $id) { id attributes { attribute { name type system } mode source effective { all values missing } } }\n  }\n": typeof types.AttrOfUserDocument,
    "query AttrOfGroup($id: ID!) { group(id: $id) { name attributeValues { attribute { name } all values } } }": typeof types.AttrOfGroupDocument,
    "query AttrUsersList($first: Int) { users(first: $first) { edges { node { attributes { attribute { name } source } } } } }": typeof types.AttrUsersListDocument,
    "mutation AttrRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }": typeof types.AttrRemoveMembersDocument,
    "\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String, $resourceId: ID, $actorId: ID) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before, resourceId: $resourceId, actorId: $actorId) {\n      edges { cursor node { id createdAt action resourceType resourceId summary actor { id name } impersonator { id name } } }\n      pageInfo { hasNextPage hasPreviousPage endCursor startCursor }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "mutation AuditUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }": typeof types.AuditUpdateUserDocument,
    "mutation AuditDeactivate($id: ID!) { deactivateUser(id: $id) { id } }": typeof types.AuditDeactivateDocument,
    "mutation AuditRestore($id: ID!) { restoreUser(id: $id) { id } }": typeof types.AuditRestoreDocument,
    "mutation AuditCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }": typeof types.AuditCreateGroupDocument,
    "mutation AuditAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }": typeof types.AuditAddMembersDocument,
    "mutation AuditRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }": typeof types.AuditRemoveMembersDocument,
    "\n  mutation AuditInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token user { id } } } }\n": typeof types.AuditInviteDocument,
    "mutation AuditResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token } } }": typeof types.AuditResendDocument,
    "mutation AuditAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }": typeof types.AuditAcceptDocument,
    "mutation AuditImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.AuditImpersonateDocument,
    "mutation AuditStop { stopImpersonating }": typeof types.AuditStopDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user { id email role }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query ViewerQuery {\n    viewer { kind user { id email role status } tenant { slug } impersonator { id } }\n  }\n": typeof types.ViewerQueryDocument,
    "mutation Logout { logout }": typeof types.LogoutDocument,
    "mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.DeactivateForAuthDocument,
    "\n  mutation AcceptFromCli($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { email role status } }\n  }\n": typeof types.AcceptFromCliDocument,
    "\n  query DashFiltersData($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { data(filters: $filters) { rows } } }\n  }\n": typeof types.DashFiltersDataDocument,
    "query DashFiltersOptions($id: ID!) { dashboard(id: $id) { filters { id options } } }": typeof types.DashFiltersOptionsDocument,
    "\n  mutation DashFiltersUpdate($input: UpdateDashboardFilterInput!) { updateDashboardFilter(input: $input) { id label permissions } }\n": typeof types.DashFiltersUpdateDocument,
    "mutation DashFiltersDelete($id: ID!) { deleteDashboardFilter(id: $id) }": typeof types.DashFiltersDeleteDocument,
    "\n  mutation LockMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace folder { id } } }\n": typeof types.LockMoveDocument,
    "mutation LockDelete($id: ID!) { deleteDashboard(id: $id) }": typeof types.LockDeleteDocument,
    "query LockCan($id: ID!) { dashboard(id: $id) { workspace viewerCan { move delete copy } } }": typeof types.LockCanDocument,
    "\n  query DashList($search: String, $first: Int) {\n    dashboards(search: $search, first: $first) { edges { node { id title } } }\n  }\n": typeof types.DashListDocument,
    "\n  query DashFull($first: Int) {\n    dashboards(first: $first) {\n      edges { node { id title owner { name } folderPath { name } shares { granteeType } viewerCan { edit lock share copy move export } } }\n    }\n  }\n": typeof types.DashFullDocument,
    "\n  query DashById($id: ID!) {\n    dashboard(id: $id) { id title locked folderPath { name } viewerCan { edit lock share delete copy move settings } }\n  }\n": typeof types.DashByIdDocument,
    "query DashFolderById($id: ID!) { folder(id: $id) { id name path { name } } }": typeof types.DashFolderByIdDocument,
    "\n  query DashFolders($parentId: ID, $workspace: Workspace) {\n    folders(parentId: $parentId, workspace: $workspace) { edges { node { id name } } }\n  }\n": typeof types.DashFoldersDocument,
    "query DashNode($id: ID!) { node(id: $id) { id } }": typeof types.DashNodeDocument,
    "mutation DashShare($input: ShareInput!) { share(input: $input) { granteeType } }": typeof types.DashShareDocument,
    "mutation DashUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }": typeof types.DashUnshareDocument,
    "mutation DashUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title description } }": typeof types.DashUpdateDocument,
    "mutation DashLock($id: ID!) { lockDashboard(id: $id) { locked } }": typeof types.DashLockDocument,
    "mutation DashUnlock($id: ID!) { unlockDashboard(id: $id) { locked } }": typeof types.DashUnlockDocument,
    "mutation DashCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id workspace } }": typeof types.DashCreateDocument,
    "mutation DashCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id title workspace widgets { title } owner { name } } }": typeof types.DashCopyDocument,
    "mutation DashMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace } }": typeof types.DashMoveDocument,
    "mutation DashDelete($id: ID!) { deleteDashboard(id: $id) }": typeof types.DashDeleteDocument,
    "mutation DashCreateFolder($input: CreateFolderInput!) { createFolder(input: $input) { id workspace } }": typeof types.DashCreateFolderDocument,
    "mutation DashMoveFolder($input: MoveFolderInput!) { moveFolder(input: $input) { id } }": typeof types.DashMoveFolderDocument,
    "mutation DashDeleteFolder($id: ID!) { deleteFolder(id: $id) }": typeof types.DashDeleteFolderDocument,
    "mutation DashAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title } }": typeof types.DashAddWidgetDocument,
    "\n  query DashListCan {\n    dashboards(first: 100) { edges { node { id viewerCan { edit delete lock share copy move settings export } } } }\n  }\n": typeof types.DashListCanDocument,
    "\n  query DashOneCan($id: ID!) { dashboard(id: $id) { id viewerCan { edit delete lock share copy move settings export } } }\n": typeof types.DashOneCanDocument,
    "\n  query DashPage($first: Int, $after: String, $last: Int, $before: String) {\n    dashboards(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id viewerCan { share } } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.DashPageDocument,
    "mutation DashImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.DashImpersonateDocument,
    "query DashWidgetNode($id: ID!) { node(id: $id) { id ... on Widget { title } } }": typeof types.DashWidgetNodeDocument,
    "mutation DashDeleteWidget($id: ID!) { deleteWidget(id: $id) }": typeof types.DashDeleteWidgetDocument,
    "\n    query DashGuarded($dashboard: ID!, $folder: ID!) {\n      dashboard(id: $dashboard) { title shares { granteeType } filters { field permissions } }\n      folder(id: $folder) { name shares { granteeType } }\n    }\n  ": typeof types.DashGuardedDocument,
    "mutation DashAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { field } }": typeof types.DashAddFilterDocument,
    "mutation HostsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id host port sslMode caCertificate } }": typeof types.HostsCreateDocument,
    "mutation HostsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id host port database user sslMode } }": typeof types.HostsUpdateDocument,
    "mutation HostsTest($id: ID!) { testConnection(id: $id) { ok message } }": typeof types.HostsTestDocument,
    "query HostsSettings($id: ID!) { dataSource(id: $id) { id sslMode caCertificate } }": typeof types.HostsSettingsDocument,
    "mutation HostsShare($input: ShareInput!) { share(input: $input) { granteeType } }": typeof types.HostsShareDocument,
    "mutation DsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id name host port user schemas } }": typeof types.DsCreateDocument,
    "mutation DsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id name host port user } }": typeof types.DsUpdateDocument,
    "mutation DsDelete($id: ID!) { deleteDataSource(id: $id) }": typeof types.DsDeleteDocument,
    "mutation DsTest($id: ID!) { testConnection(id: $id) { ok message } }": typeof types.DsTestDocument,
    "mutation DsShare($input: ShareInput!) { share(input: $input) { granteeType } }": typeof types.DsShareDocument,
    "mutation DsUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }": typeof types.DsUnshareDocument,
    "\n  query DsById($id: ID!) {\n    dataSource(id: $id) { id name schemas createdAt updatedAt owner { id name } host port database user shares { granteeType user { id } } viewerCan { use manage } }\n  }\n": typeof types.DsByIdDocument,
    "\n  query DsList($first: Int, $after: String) {\n    dataSources(first: $first, after: $after) { edges { node { id name owner { name } } } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.DsListDocument,
    "query DsNode($id: ID!) { node(id: $id) { id ... on DataSource { name } } }": typeof types.DsNodeDocument,
    "mutation DatasetsCreate($input: CreateDatasetInput!) { createDataset(input: $input) { id name version dataSource { id name } owner { id } } }": typeof types.DatasetsCreateDocument,
    "mutation DatasetsUpdate($input: UpdateDatasetInput!) { updateDataset(input: $input) { id name version calculations { name expression } } }": typeof types.DatasetsUpdateDocument,
    "mutation DatasetsDelete($id: ID!) { deleteDataset(id: $id) }": typeof types.DatasetsDeleteDocument,
    "mutation DatasetsShare($input: ShareInput!) { share(input: $input) { granteeType } }": typeof types.DatasetsShareDocument,
    "\n  query DatasetsRead($id: ID!) {\n    dataset(id: $id) {\n      id name version createdAt updatedAt dataSource { id name } owner { id name }\n      models { name table fields { name type column } }\n      relationships { from to }\n      calculations { name expression }\n      shares { granteeType user { id } }\n      viewerCan { explore manage seeDefinition }\n    }\n  }\n": typeof types.DatasetsReadDocument,
    "\n  query DatasetsList($first: Int, $after: String) {\n    datasets(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.DatasetsListDocument,
    "query DatasetsListForCount { datasets(first: 50) { edges { node { name owner { name } viewerCan { explore } } } } }": typeof types.DatasetsListForCountDocument,
    "query DatasetsNode($id: ID!) { node(id: $id) { id ... on Dataset { name } } }": typeof types.DatasetsNodeDocument,
    "\n  mutation DeleteUserDelete($input: DeleteUserInput!) {\n    deleteUser(input: $input) {\n      deletedUserId\n      transferredTo { id }\n      moved { folders personalFolders dashboards personalDashboards widgets datasets dataSources shareableLinks }\n    }\n  }\n": typeof types.DeleteUserDeleteDocument,
    "query DeleteUserViewer { viewer { user { id } } }": typeof types.DeleteUserViewerDocument,
    "mutation DemoRlpLogin($input: LoginInput!) { login(input: $input) { token user { id email } } }": typeof types.DemoRlpLoginDocument,
    "query DemoRlpDatasets { datasets(first: 50) { edges { node { id name } } } }": typeof types.DemoRlpDatasetsDocument,
    "\n  query DemoRlpRevenue($id: ID!) {\n    dataset(id: $id) {\n      query(input: { dimensions: [\"countries.name\"], measures: [{ field: \"orders.amount\", aggregation: SUM }] }) { rows missingAttributes }\n    }\n  }\n": typeof types.DemoRlpRevenueDocument,
    "mutation DemoRlpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.DemoRlpImpersonateDocument,
    "query DemoRlpDashboards { dashboards(first: 20) { edges { node { id title } } } }": typeof types.DemoRlpDashboardsDocument,
    "mutation DemoRlpEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { kid audience } secret } }": typeof types.DemoRlpEmbedKeyDocument,
    "\n  query DemoRlpBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n": typeof types.DemoRlpBoardDocument,
    "\n  mutation DigestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id digest { frequency localTime weekday } }\n  }\n": typeof types.DigestUpdateMeDocument,
    "\n  mutation EkCreate($input: CreateEmbedKeyInput!) {\n    createEmbedKey(input: $input) { key { id kid name algorithm audience publicKeyJwk maxTokenLifetimeSeconds createdAt revokedAt } secret }\n  }\n": typeof types.EkCreateDocument,
    "mutation EkRevoke($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }": typeof types.EkRevokeDocument,
    "\n  query EkList($first: Int, $after: String) {\n    embedKeys(first: $first, after: $after) { edges { node { id name algorithm audience revokedAt } } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.EkListDocument,
    "query EkNode($id: ID!) { node(id: $id) { id ... on EmbedKey { name algorithm } } }": typeof types.EkNodeDocument,
    "\n  mutation EmbedTokensCreateKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id kid audience } secret } }\n": typeof types.EmbedTokensCreateKeyDocument,
    "mutation EmbedTokensRevokeKey($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }": typeof types.EmbedTokensRevokeKeyDocument,
    "query EmbedTokensViewer { viewer { kind user { id } tenant { slug } } }": typeof types.EmbedTokensViewerDocument,
    "\n  query EmbedTokensBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n": typeof types.EmbedTokensBoardDocument,
    "query EmbedTokensBoardTitle($id: ID!) { dashboard(id: $id) { title } }": typeof types.EmbedTokensBoardTitleDocument,
    "query EmbedTokensDashboards { dashboards(first: 10) { edges { node { id } } } }": typeof types.EmbedTokensDashboardsDocument,
    "query EmbedTokensDatasets { datasets(first: 10) { edges { node { id } } } }": typeof types.EmbedTokensDatasetsDocument,
    "query EmbedTokensUsers { users(first: 10) { edges { node { id } } } }": typeof types.EmbedTokensUsersDocument,
    "query EmbedTokensNode($id: ID!) { node(id: $id) { id } }": typeof types.EmbedTokensNodeDocument,
    "query EmbedTokensOwner($id: ID!) { dashboard(id: $id) { owner { id } } }": typeof types.EmbedTokensOwnerDocument,
    "query EmbedTokensWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }": typeof types.EmbedTokensWidgetQueryDocument,
    "query EmbedTokensSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }": typeof types.EmbedTokensSqlDocument,
    "mutation EmbedTokensCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }": typeof types.EmbedTokensCreateDashboardDocument,
    "query EmbedTokensDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }": typeof types.EmbedTokensDatasetDocument,
    "\n    query EmbedTokensAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  ": typeof types.EmbedTokensAuditDocument,
    "\n  mutation WorkloadExport($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url }\n  }\n": typeof types.WorkloadExportDocument,
    "\n  query WorkloadExportExplore($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"rows.id\"], limit: 5 }) { rowCount } } }\n": typeof types.WorkloadExportExploreDocument,
    "\n  mutation ExportDatasetRun($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url expiresAt }\n  }\n": typeof types.ExportDatasetRunDocument,
    "\n  mutation ExportWidgetRun($input: ExportWidgetInput!) {\n    exportWidget(input: $input) { url expiresAt }\n  }\n": typeof types.ExportWidgetRunDocument,
    "\n  query ExportReferenceRows($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name } rows } }\n  }\n": typeof types.ExportReferenceRowsDocument,
    "\n  query ExportReferenceWidget($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { id data(filters: $filters) { columns { name } rows } } }\n  }\n": typeof types.ExportReferenceWidgetDocument,
    "\n  mutation PermQueryAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id permissions }\n  }\n": typeof types.PermQueryAddFilterDocument,
    "\n  mutation PermQueryUpdateFilter($input: UpdateDashboardFilterInput!) {\n    updateDashboardFilter(input: $input) { id permissions }\n  }\n": typeof types.PermQueryUpdateFilterDocument,
    "\n  query PermQueryLoad($id: ID!) {\n    dashboard(id: $id) {\n      widgets { data { rows } }\n      filters { id options permissionNotices { line message } }\n    }\n  }\n": typeof types.PermQueryLoadDocument,
    "\n  mutation FilterPermAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id type field permissions }\n  }\n": typeof types.FilterPermAddFilterDocument,
    "query FilterPermFilters($id: ID!) { dashboard(id: $id) { filters { id type field permissions } } }": typeof types.FilterPermFiltersDocument,
    "query FpDashboard($id: ID!) { dashboard(id: $id) { id folderPath { id name } } }": typeof types.FpDashboardDocument,
    "query FpFolder($id: ID!) { folder(id: $id) { id path { id name } } }": typeof types.FpFolderDocument,
    "query FpList { dashboards(first: 100) { edges { node { id folderPath { name } } } } }": typeof types.FpListDocument,
    "mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }": typeof types.GroupsCreateDocument,
    "mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }": typeof types.GroupsAddMembersDocument,
    "\n  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }\n": typeof types.GroupsRemoveMembersDocument,
    "\n  query GroupsList($first: Int, $after: String, $last: Int) {\n    groups(first: $first, after: $after, last: $last) {\n      edges { cursor node { id name memberCount } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.GroupsListDocument,
    "\n  query GroupsById($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id name memberCount\n      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": typeof types.GroupsByIdDocument,
    "query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }": typeof types.GroupsNodeDocument,
    "query Me { viewer { user { email } } }": typeof types.MeDocument,
    "mutation IvImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.IvImpersonateDocument,
    "\n  query IvDatasetQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { id query(input: $input) { rows } } }\n": typeof types.IvDatasetQueryDocument,
    "\n  query IvDashboard($id: ID!) { dashboard(id: $id) { id widgets { id data { rows } } } }\n": typeof types.IvDashboardDocument,
    "query IvFolder($id: ID!) { folder(id: $id) { id } }": typeof types.IvFolderDocument,
    "query IvNode($id: ID!) { node(id: $id) { id } }": typeof types.IvNodeDocument,
    "\n  query IvLists {\n    datasets(first: 100) { edges { node { id } } }\n    dashboards(first: 100) { edges { node { id } } }\n    folders(first: 100) { edges { node { id } } }\n  }\n": typeof types.IvListsDocument,
    "\n  query IvListsFull {\n    datasets(first: 100) { edges { node { id viewerCan { explore manage seeDefinition } } } }\n    dashboards(first: 100) { edges { node { id folderPath { name } viewerCan { edit share export } } } }\n  }\n": typeof types.IvListsFullDocument,
    "mutation IvRename($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title } }": typeof types.IvRenameDocument,
    "query IvDatasetCan($id: ID!) { dataset(id: $id) { viewerCan { explore } } }": typeof types.IvDatasetCanDocument,
    "mutation ImpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.ImpImpersonateDocument,
    "mutation ImpStop { stopImpersonating }": typeof types.ImpStopDocument,
    "\n  query ImpViewer { viewer { kind user { id role email } impersonator { id name } } }\n": typeof types.ImpViewerDocument,
    "\n  mutation ImpUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }\n": typeof types.ImpUpdateUserDocument,
    "mutation ImpDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.ImpDeactivateDocument,
    "\n  query ImpAudit($resourceId: ID) {\n    auditEvents(first: 20, resourceId: $resourceId) { edges { node { action actor { id } impersonator { id } summary } } }\n  }\n": typeof types.ImpAuditDocument,
    "\n  query InjectionRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { rows sql sqlParameters missingAttributes } }\n  }\n": typeof types.InjectionRunDocument,
    "mutation InjectionCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": typeof types.InjectionCreateDatasetDocument,
    "mutation InjectionCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": typeof types.InjectionCreateAttributeDocument,
    "\n  mutation InjectionSetAttributeValue($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { mode effective { values } }\n  }\n": typeof types.InjectionSetAttributeValueDocument,
    "\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n      skipped { email index reason message }\n    }\n  }\n": typeof types.InvitationsInviteDocument,
    "\n  mutation InvitationsAccept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { id name email status } }\n  }\n": typeof types.InvitationsAcceptDocument,
    "\n  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }\n": typeof types.InvitationsResendDocument,
    "query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }": typeof types.InvitationsViewerDocument,
    "mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }": typeof types.InvitationsLoginDocument,
    "\n  mutation InvitationsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { invitationExpiryDays seatLimit } }\n": typeof types.InvitationsSettingsDocument,
    "query InvitationsReadSettings { tenantSettings { invitationExpiryDays seatLimit } viewer { tenant { settings { invitationExpiryDays } } } }": typeof types.InvitationsReadSettingsDocument,
    "mutation DemoteAdmin($input: UpdateUserInput!) { updateUser(input: $input) { id role } }": typeof types.DemoteAdminDocument,
    "mutation DeactivateAdmin($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.DeactivateAdminDocument,
    "mutation DeleteAdmin($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }": typeof types.DeleteAdminDocument,
    "\n  mutation MailDeliveryInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) { invitations { token user { id email } } }\n  }\n": typeof types.MailDeliveryInviteDocument,
    "query MalformedFolders($parentId: ID) { folders(parentId: $parentId) { edges { node { id } } } }": typeof types.MalformedFoldersDocument,
    "mutation MalformedCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }": typeof types.MalformedCreateDashboardDocument,
    "mutation MalformedMoveDashboard($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }": typeof types.MalformedMoveDashboardDocument,
    "mutation MalformedAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }": typeof types.MalformedAddWidgetDocument,
    "mutation MalformedShare($input: ShareInput!) { share(input: $input) { __typename } }": typeof types.MalformedShareDocument,
    "mutation MalformedAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }": typeof types.MalformedAddMembersDocument,
    "mutation MalformedGrant($input: UpdateUserInput!) { updateUser(input: $input) { id } }": typeof types.MalformedGrantDocument,
    "query MatrixViewDashboard($id: ID!) { dashboard(id: $id) { id } }": typeof types.MatrixViewDashboardDocument,
    "query MatrixViewFolder($id: ID!) { folder(id: $id) { id } }": typeof types.MatrixViewFolderDocument,
    "\n  mutation MatrixUpdateDashboard($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }\n": typeof types.MatrixUpdateDashboardDocument,
    "mutation MatrixLock($id: ID!) { lockDashboard(id: $id) { id locked } }": typeof types.MatrixLockDocument,
    "mutation MatrixShare($input: ShareInput!) { share(input: $input) { granteeType } }": typeof types.MatrixShareDocument,
    "\n  mutation MatrixCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }\n": typeof types.MatrixCreateDashboardDocument,
    "mutation MatrixMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }": typeof types.MatrixMoveDocument,
    "mutation MatrixCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }": typeof types.MatrixCopyDocument,
    "mutation MatrixRenameFolder($input: RenameFolderInput!) { renameFolder(input: $input) { id } }": typeof types.MatrixRenameFolderDocument,
    "mutation MatrixCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }": typeof types.MatrixCreateGroupDocument,
    "\n  mutation MatrixCreateDataSource($input: CreateDataSourceInput!) { createDataSource(input: $input) { id } }\n": typeof types.MatrixCreateDataSourceDocument,
    "query MatrixViewDataSource($id: ID!) { dataSource(id: $id) { id } }": typeof types.MatrixViewDataSourceDocument,
    "query MatrixViewDataset($id: ID!) { dataset(id: $id) { id } }": typeof types.MatrixViewDatasetDocument,
    "query MatrixDatasetDefinition($id: ID!) { dataset(id: $id) { relationships { from } } }": typeof types.MatrixDatasetDefinitionDocument,
    "mutation MatrixUpdateDataset($input: UpdateDatasetInput!) { updateDataset(input: $input) { id } }": typeof types.MatrixUpdateDatasetDocument,
    "mutation MatrixImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.MatrixImpersonateDocument,
    "query MatrixAudit { auditEvents(first: 1) { edges { node { id } } } }": typeof types.MatrixAuditDocument,
    "query MatrixWidgetData($id: ID!) { dashboard(id: $id) { widgets { data { rowCount } } } }": typeof types.MatrixWidgetDataDocument,
    "mutation MatrixAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }": typeof types.MatrixAddWidgetDocument,
    "\n  mutation MatrixCreateShareableLink($input: CreateShareableLinkInput!) { createShareableLink(input: $input) { link { id } } }\n": typeof types.MatrixCreateShareableLinkDocument,
    "mutation MatrixCreateEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id } } }": typeof types.MatrixCreateEmbedKeyDocument,
    "mutation MatrixUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }": typeof types.MatrixUpdateUserDocument,
    "mutation MatrixExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }": typeof types.MatrixExportWidgetDocument,
    "\n  query CacheRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }\n": typeof types.CacheRunDocument,
    "mutation CacheCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": typeof types.CacheCreateDatasetDocument,
    "mutation CacheCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": typeof types.CacheCreateAttributeDocument,
    "mutation CacheSetUserValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }": typeof types.CacheSetUserValueDocument,
    "\n  mutation CacheSetRules($input: SetDatasetPermissionRulesInput!) { setDatasetPermissionRules(input: $input) { id } }\n": typeof types.CacheSetRulesDocument,
    "query NoticeWhoAmI { viewer { kind tenant { slug } } }": typeof types.NoticeWhoAmIDocument,
    "mutation NpRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }": typeof types.NpRequestDocument,
    "mutation NpReset($input: ResetPasswordInput!) { resetPassword(input: $input) }": typeof types.NpResetDocument,
    "mutation NpLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.NpLoginDocument,
    "mutation NpCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": typeof types.NpCreateTokenDocument,
    "mutation NpEnroll { enrollTwoFactor { secret otpauthUri } }": typeof types.NpEnrollDocument,
    "mutation NpConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }": typeof types.NpConfirmDocument,
    "query NpViewer { viewer { kind } }": typeof types.NpViewerDocument,
    "mutation NpInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token } } }": typeof types.NpInviteDocument,
    "mutation NpImport($input: ImportUsersInput!) { importUsers(input: $input) { invitations { token } } }": typeof types.NpImportDocument,
    "query ObsViewer { viewer { kind } }": typeof types.ObsViewerDocument,
    "query ObsUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }": typeof types.ObsUsersDocument,
    "query ObsMissingUser($id: ID!) { user(id: $id) { id } }": typeof types.ObsMissingUserDocument,
    "mutation ObsLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.ObsLoginDocument,
    "query ObsWidgets($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }": typeof types.ObsWidgetsDocument,
    "mutation OvCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }": typeof types.OvCreateDocument,
    "mutation OvAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }": typeof types.OvAddWidgetDocument,
    "mutation OvUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }": typeof types.OvUpdateDocument,
    "\n  mutation OvSetOverrides($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id role datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n": typeof types.OvSetOverridesDocument,
    "\n  query OvReadOverrides($id: ID!) {\n    user(id: $id) {\n      id name datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n": typeof types.OvReadOverridesDocument,
    "mutation PrRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }": typeof types.PrRequestDocument,
    "mutation PrReset($input: ResetPasswordInput!) { resetPassword(input: $input) }": typeof types.PrResetDocument,
    "mutation PrSend($userId: ID!) { sendPasswordReset(userId: $userId) }": typeof types.PrSendDocument,
    "mutation PrLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.PrLoginDocument,
    "query PrViewer { viewer { kind } }": typeof types.PrViewerDocument,
    "query LifecycleViewer { viewer { user { id status } } }": typeof types.LifecycleViewerDocument,
    "mutation LifecycleDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.LifecycleDeactivateDocument,
    "mutation LifecycleRestore($id: ID!) { restoreUser(id: $id) { id status } }": typeof types.LifecycleRestoreDocument,
    "mutation LifecycleLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.LifecycleLoginDocument,
    "mutation LifecycleImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.LifecycleImpersonateDocument,
    "\n  query QueryRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name type } rows rowCount truncated sql sqlParameters missingAttributes } }\n  }\n": typeof types.QueryRunDocument,
    "mutation QueryCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": typeof types.QueryCreateDatasetDocument,
    "mutation QueryUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id } }": typeof types.QueryUpdateSourceDocument,
    "query RlpRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows missingAttributes } } }": typeof types.RlpRunDocument,
    "mutation RlpCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": typeof types.RlpCreateDatasetDocument,
    "mutation RlpCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": typeof types.RlpCreateAttributeDocument,
    "mutation RlpSetUserAttributeValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }": typeof types.RlpSetUserAttributeValueDocument,
    "mutation RlpSetGroupAttributeValue($input: SetGroupAttributeValueInput!) { setGroupAttributeValue(input: $input) { all values } }": typeof types.RlpSetGroupAttributeValueDocument,
    "\n  mutation RlpSetRules($input: SetDatasetPermissionRulesInput!) {\n    setDatasetPermissionRules(input: $input) { id version permissionRules { field operator attribute values } }\n  }\n": typeof types.RlpSetRulesDocument,
    "query SeatsUsage { seatUsage { paid public limit } }": typeof types.SeatsUsageDocument,
    "mutation SeatsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { seatLimit invitationExpiryDays } }": typeof types.SeatsSettingsDocument,
    "\n  mutation SeatsInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { user { id } } skipped { email reason } } }\n": typeof types.SeatsInviteDocument,
    "mutation SeatsDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.SeatsDeactivateDocument,
    "mutation SeatsRestore($id: ID!) { restoreUser(id: $id) { id status } }": typeof types.SeatsRestoreDocument,
    "query InstancesDashboard($id: ID!) { dashboard(id: $id) { title } }": typeof types.InstancesDashboardDocument,
    "mutation InstancesUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }": typeof types.InstancesUnshareDocument,
    "query InstancesAudit { auditEvents(first: 1) { edges { node { id } } } }": typeof types.InstancesAuditDocument,
    "mutation InstancesUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }": typeof types.InstancesUpdateUserDocument,
    "mutation InstancesDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.InstancesDeactivateDocument,
    "query InstancesWhoAmI { viewer { kind } }": typeof types.InstancesWhoAmIDocument,
    "\n  query InstancesExplore($id: ID!, $limit: Int) { dataset(id: $id) { query(input: { dimensions: [\"orders.country\"], limit: $limit }) { rowCount } } }\n": typeof types.InstancesExploreDocument,
    "\n  mutation ShareLinksCreate($input: CreateShareableLinkInput!) {\n    createShareableLink(input: $input) {\n      link { id hasPassword expiresAt allowExport rowRestrictions { field values } userAttributes { attribute values } createdBy { id } }\n      token\n    }\n  }\n": typeof types.ShareLinksCreateDocument,
    "mutation ShareLinksOpen($input: OpenShareableLinkInput!) { openShareableLink(input: $input) { token expiresAt } }": typeof types.ShareLinksOpenDocument,
    "mutation ShareLinksRevoke($id: ID!) { revokeShareableLink(id: $id) { id revokedAt } }": typeof types.ShareLinksRevokeDocument,
    "\n  query ShareLinksList($dashboardId: ID!) {\n    shareableLinks(dashboardId: $dashboardId, first: 50) {\n      edges { node { id createdAt expiresAt revokedAt hasPassword rowRestrictions { field values } userAttributes { attribute values } createdBy { id } } }\n    }\n  }\n": typeof types.ShareLinksListDocument,
    "query ShareLinksViewer { viewer { kind user { id } tenant { slug } } }": typeof types.ShareLinksViewerDocument,
    "\n  query ShareLinksBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n": typeof types.ShareLinksBoardDocument,
    "query ShareLinksBoardTitle($id: ID!) { dashboard(id: $id) { title } }": typeof types.ShareLinksBoardTitleDocument,
    "mutation ShareLinksDeleteBoard($id: ID!) { deleteDashboard(id: $id) }": typeof types.ShareLinksDeleteBoardDocument,
    "query ShareLinksNode($id: ID!) { node(id: $id) { id ... on ShareableLink { hasPassword } } }": typeof types.ShareLinksNodeDocument,
    "query ShareLinksDashboards { dashboards(first: 10) { edges { node { id } } } }": typeof types.ShareLinksDashboardsDocument,
    "query ShareLinksDatasets { datasets(first: 10) { edges { node { id } } } }": typeof types.ShareLinksDatasetsDocument,
    "query ShareLinksUsers { users(first: 10) { edges { node { id } } } }": typeof types.ShareLinksUsersDocument,
    "query ShareLinksOwner($id: ID!) { dashboard(id: $id) { owner { id } } }": typeof types.ShareLinksOwnerDocument,
    "query ShareLinksWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }": typeof types.ShareLinksWidgetQueryDocument,
    "query ShareLinksSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }": typeof types.ShareLinksSqlDocument,
    "mutation ShareLinksCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }": typeof types.ShareLinksCreateDashboardDocument,
    "query ShareLinksDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }": typeof types.ShareLinksDatasetDocument,
    "\n    query ShareLinksAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  ": typeof types.ShareLinksAuditDocument,
    "mutation ShareLinksExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }": typeof types.ShareLinksExportWidgetDocument,
    "mutation ShareLinksExportDataset($input: ExportDatasetQueryInput!) { exportDatasetQuery(input: $input) { url } }": typeof types.ShareLinksExportDatasetDocument,
    "query ShareLinksWidgetIds($id: ID!) { dashboard(id: $id) { widgets { id data { rows } } } }": typeof types.ShareLinksWidgetIdsDocument,
    "\n  mutation ThrottledLogin($input: LoginInput!) {\n    login(input: $input) { token }\n  }\n": typeof types.ThrottledLoginDocument,
    "query TrUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }": typeof types.TrUsersDocument,
    "query TrQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }": typeof types.TrQueryDocument,
    "\n  mutation TfLogin($input: LoginInput!) { login(input: $input) { token twoFactorEnrollmentRequired user { id twoFactorEnabled } } }\n": typeof types.TfLoginDocument,
    "mutation TfEnroll { enrollTwoFactor { secret otpauthUri } }": typeof types.TfEnrollDocument,
    "mutation TfConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }": typeof types.TfConfirmDocument,
    "mutation TfReset($userId: ID!) { resetTwoFactor(userId: $userId) { id twoFactorEnabled } }": typeof types.TfResetDocument,
    "\n  mutation TfSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { requireTwoFactor } }\n": typeof types.TfSettingsDocument,
    "query TfReadSettings { tenantSettings { requireTwoFactor } }": typeof types.TfReadSettingsDocument,
    "query TfViewer { viewer { kind enrollmentOnly user { id email twoFactorEnabled } tenant { slug } } }": typeof types.TfViewerDocument,
    "query TfUser($id: ID!) { user(id: $id) { id twoFactorEnabled } }": typeof types.TfUserDocument,
    "query TfUsers { users(first: 5) { edges { node { id } } } }": typeof types.TfUsersDocument,
    "mutation TfLogout { logout }": typeof types.TfLogoutDocument,
    "mutation TfCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": typeof types.TfCreateTokenDocument,
    "mutation TfImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.TfImpersonateDocument,
    "\n  mutation UpdateMeSelf($input: UpdateMeInput!) {\n    updateMe(input: $input) { id name timezone role status digest { frequency localTime weekday } }\n  }\n": typeof types.UpdateMeSelfDocument,
    "query UpdateMeViewer { viewer { user { id name } } }": typeof types.UpdateMeViewerDocument,
    "mutation UpdateMeLogin($input: LoginInput!) { login(input: $input) { token } }": typeof types.UpdateMeLoginDocument,
    "mutation UpdateMeImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": typeof types.UpdateMeImpersonateDocument,
    "mutation UpdateMeUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }": typeof types.UpdateMeUpdateUserDocument,
    "mutation UpdateMeCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": typeof types.UpdateMeCreateAttributeDocument,
    "mutation UpdateMeSetAttribute($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { __typename } }": typeof types.UpdateMeSetAttributeDocument,
    "mutation UpdateMeAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }": typeof types.UpdateMeAddMembersDocument,
    "mutation UpdateMeDeactivate($id: ID!) { deactivateUser(id: $id) { id } }": typeof types.UpdateMeDeactivateDocument,
    "\n  query CsvUsers($search: String, $status: UserStatus, $role: Role, $groupId: ID, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, groupId: $groupId, first: $first, after: $after) {\n      edges { node { id name email role status twoFactorEnabled lastActiveAt groups { name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.CsvUsersDocument,
    "\n  mutation CsvExportUsers($input: ExportUsersInput!) {\n    exportUsers(input: $input) { url expiresAt }\n  }\n": typeof types.CsvExportUsersDocument,
    "\n  mutation CsvImportUsers($input: ImportUsersInput!) {\n    importUsers(input: $input) {\n      invited\n      errors { line field message }\n      invitations { user { id email } token }\n    }\n  }\n": typeof types.CsvImportUsersDocument,
    "mutation CsvAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { status } } }": typeof types.CsvAcceptDocument,
    "\n  query UserPrivate($id: ID!) {\n    user(id: $id) {\n      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt\n      groups { name }\n    }\n  }\n": typeof types.UserPrivateDocument,
    "\n  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.UsersListDocument,
    "\n  query UsersWithGroups($first: Int) {\n    users(first: $first) { edges { node { groups { name } } } }\n  }\n": typeof types.UsersWithGroupsDocument,
    "query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }": typeof types.NodeQueryDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }\n  }\n": typeof types.UpdateUserDocument,
    "mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }": typeof types.DeactivateDocument,
    "mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }": typeof types.RestoreDocument,
    "\n  query BudgetFanOut {\n    dashboards(first: 100) { edges { node { widgets { data { rowCount } } } } }\n  }\n": typeof types.BudgetFanOutDocument,
    "\n  query BudgetDashboardData($id: ID!) {\n    dashboard(id: $id) { __typename widgets { __typename data { __typename rowCount } } }\n  }\n": typeof types.BudgetDashboardDataDocument,
    "\n  query BudgetBigQueries($id: ID!) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q7: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q8: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q9: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q10: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q11: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q12: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q13: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q14: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q15: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q16: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q17: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q18: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q19: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q20: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n    }\n  }\n": typeof types.BudgetBigQueriesDocument,
    "\n  query BudgetOneBigQuery($id: ID!, $limit: Int) {\n    dataset(id: $id) { query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount } }\n  }\n": typeof types.BudgetOneBigQueryDocument,
    "\n  query BudgetSixQueries($id: ID!, $limit: Int) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.id\"], limit: $limit }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\", \"sales.id\"], limit: $limit }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: SUM }], limit: $limit }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.id\", \"sales.country\"], limit: $limit }) { rowCount }\n    }\n  }\n": typeof types.BudgetSixQueriesDocument,
    "\n  mutation BudgetCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }\n": typeof types.BudgetCopyDocument,
    "\n  mutation BudgetAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n": typeof types.BudgetAddFilterDocument,
    "\n  mutation BudgetAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }\n": typeof types.BudgetAddWidgetDocument,
    "query WarehouseRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }": typeof types.WarehouseRunDocument,
    "mutation WarehouseCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": typeof types.WarehouseCreateDatasetDocument,
    "mutation WarehouseUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id schemas port } }": typeof types.WarehouseUpdateSourceDocument,
    "query WarehouseWidgetRows($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }": typeof types.WarehouseWidgetRowsDocument,
    "query WorkloadWidget($id: ID!) { dashboard(id: $id) { widgets { title data { rows } } } }": typeof types.WorkloadWidgetDocument,
    "\n  query WorkloadExplore($id: ID!, $limit: Int) { dataset(id: $id) {\n      query(input: { dimensions: [\"orders.country\"], measures: [{ field: \"orders.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n    }\n  }\n": typeof types.WorkloadExploreDocument,
    "\n  mutation WorkloadAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n": typeof types.WorkloadAddFilterDocument,
    "query WorkloadFilterOptions($id: ID!) { dashboard(id: $id) { filters { options } } }": typeof types.WorkloadFilterOptionsDocument,
    "\n  query WidgetDataRun($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id options }\n    }\n  }\n": typeof types.WidgetDataRunDocument,
    "mutation WuAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title query } }": typeof types.WuAddWidgetDocument,
    "mutation WuUpdateWidget($input: UpdateWidgetInput!) { updateWidget(input: $input) { id title query } }": typeof types.WuUpdateWidgetDocument,
    "query WuWidgets($id: ID!) { dashboard(id: $id) { widgets { id title query } } }": typeof types.WuWidgetsDocument,
};
const documents: Documents = {
    "\n  mutation AtCreate($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name prefix lastUsedAt revokedAt } } }\n": types.AtCreateDocument,
    "mutation AtRevoke($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }": types.AtRevokeDocument,
    "query AtList { apiTokens(first: 100) { edges { node { id name prefix createdAt lastUsedAt revokedAt } } } }": types.AtListDocument,
    "query AtViewer { viewer { kind user { id email role } tenant { slug } } }": types.AtViewerDocument,
    "mutation AtUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id allowApiAccess } }": types.AtUpdateUserDocument,
    "mutation AtDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.AtDeactivateDocument,
    "mutation AtRestore($id: ID!) { restoreUser(id: $id) { id status } }": types.AtRestoreDocument,
    "query AtNode($id: ID!) { node(id: $id) { id ... on ApiToken { name revokedAt } } }": types.AtNodeDocument,
    "mutation AtImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.AtImpersonateDocument,
    "mutation AttrCreate($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id name type system createdAt } }": types.AttrCreateDocument,
    "mutation AttrUpdate($input: UpdateUserAttributeInput!) { updateUserAttribute(input: $input) { id name type } }": types.AttrUpdateDocument,
    "mutation AttrDelete($id: ID!) { deleteUserAttribute(id: $id) }": types.AttrDeleteDocument,
    "query AttrList { userAttributes { id name type system } }": types.AttrListDocument,
    "\n  mutation AttrSetUser($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { attribute { name type } mode source effective { all values missing } }\n  }\n": types.AttrSetUserDocument,
    "\n  mutation AttrSetGroup($input: SetGroupAttributeValueInput!) {\n    setGroupAttributeValue(input: $input) { group { name } attribute { name } all values }\n  }\n": types.AttrSetGroupDocument,
    "\n  query AttrOfUser($id: ID!) {\n    user(id: $id) { id attributes { attribute { name type system } mode source effective { all values missing } } }\n  }\n": types.AttrOfUserDocument,
    "query AttrOfGroup($id: ID!) { group(id: $id) { name attributeValues { attribute { name } all values } } }": types.AttrOfGroupDocument,
    "query AttrUsersList($first: Int) { users(first: $first) { edges { node { attributes { attribute { name } source } } } } }": types.AttrUsersListDocument,
    "mutation AttrRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }": types.AttrRemoveMembersDocument,
    "\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String, $resourceId: ID, $actorId: ID) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before, resourceId: $resourceId, actorId: $actorId) {\n      edges { cursor node { id createdAt action resourceType resourceId summary actor { id name } impersonator { id name } } }\n      pageInfo { hasNextPage hasPreviousPage endCursor startCursor }\n    }\n  }\n": types.AuditEventsDocument,
    "mutation AuditUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }": types.AuditUpdateUserDocument,
    "mutation AuditDeactivate($id: ID!) { deactivateUser(id: $id) { id } }": types.AuditDeactivateDocument,
    "mutation AuditRestore($id: ID!) { restoreUser(id: $id) { id } }": types.AuditRestoreDocument,
    "mutation AuditCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }": types.AuditCreateGroupDocument,
    "mutation AuditAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }": types.AuditAddMembersDocument,
    "mutation AuditRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }": types.AuditRemoveMembersDocument,
    "\n  mutation AuditInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token user { id } } } }\n": types.AuditInviteDocument,
    "mutation AuditResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token } } }": types.AuditResendDocument,
    "mutation AuditAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }": types.AuditAcceptDocument,
    "mutation AuditImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.AuditImpersonateDocument,
    "mutation AuditStop { stopImpersonating }": types.AuditStopDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user { id email role }\n    }\n  }\n": types.LoginDocument,
    "\n  query ViewerQuery {\n    viewer { kind user { id email role status } tenant { slug } impersonator { id } }\n  }\n": types.ViewerQueryDocument,
    "mutation Logout { logout }": types.LogoutDocument,
    "mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }": types.DeactivateForAuthDocument,
    "\n  mutation AcceptFromCli($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { email role status } }\n  }\n": types.AcceptFromCliDocument,
    "\n  query DashFiltersData($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { data(filters: $filters) { rows } } }\n  }\n": types.DashFiltersDataDocument,
    "query DashFiltersOptions($id: ID!) { dashboard(id: $id) { filters { id options } } }": types.DashFiltersOptionsDocument,
    "\n  mutation DashFiltersUpdate($input: UpdateDashboardFilterInput!) { updateDashboardFilter(input: $input) { id label permissions } }\n": types.DashFiltersUpdateDocument,
    "mutation DashFiltersDelete($id: ID!) { deleteDashboardFilter(id: $id) }": types.DashFiltersDeleteDocument,
    "\n  mutation LockMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace folder { id } } }\n": types.LockMoveDocument,
    "mutation LockDelete($id: ID!) { deleteDashboard(id: $id) }": types.LockDeleteDocument,
    "query LockCan($id: ID!) { dashboard(id: $id) { workspace viewerCan { move delete copy } } }": types.LockCanDocument,
    "\n  query DashList($search: String, $first: Int) {\n    dashboards(search: $search, first: $first) { edges { node { id title } } }\n  }\n": types.DashListDocument,
    "\n  query DashFull($first: Int) {\n    dashboards(first: $first) {\n      edges { node { id title owner { name } folderPath { name } shares { granteeType } viewerCan { edit lock share copy move export } } }\n    }\n  }\n": types.DashFullDocument,
    "\n  query DashById($id: ID!) {\n    dashboard(id: $id) { id title locked folderPath { name } viewerCan { edit lock share delete copy move settings } }\n  }\n": types.DashByIdDocument,
    "query DashFolderById($id: ID!) { folder(id: $id) { id name path { name } } }": types.DashFolderByIdDocument,
    "\n  query DashFolders($parentId: ID, $workspace: Workspace) {\n    folders(parentId: $parentId, workspace: $workspace) { edges { node { id name } } }\n  }\n": types.DashFoldersDocument,
    "query DashNode($id: ID!) { node(id: $id) { id } }": types.DashNodeDocument,
    "mutation DashShare($input: ShareInput!) { share(input: $input) { granteeType } }": types.DashShareDocument,
    "mutation DashUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }": types.DashUnshareDocument,
    "mutation DashUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title description } }": types.DashUpdateDocument,
    "mutation DashLock($id: ID!) { lockDashboard(id: $id) { locked } }": types.DashLockDocument,
    "mutation DashUnlock($id: ID!) { unlockDashboard(id: $id) { locked } }": types.DashUnlockDocument,
    "mutation DashCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id workspace } }": types.DashCreateDocument,
    "mutation DashCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id title workspace widgets { title } owner { name } } }": types.DashCopyDocument,
    "mutation DashMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace } }": types.DashMoveDocument,
    "mutation DashDelete($id: ID!) { deleteDashboard(id: $id) }": types.DashDeleteDocument,
    "mutation DashCreateFolder($input: CreateFolderInput!) { createFolder(input: $input) { id workspace } }": types.DashCreateFolderDocument,
    "mutation DashMoveFolder($input: MoveFolderInput!) { moveFolder(input: $input) { id } }": types.DashMoveFolderDocument,
    "mutation DashDeleteFolder($id: ID!) { deleteFolder(id: $id) }": types.DashDeleteFolderDocument,
    "mutation DashAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title } }": types.DashAddWidgetDocument,
    "\n  query DashListCan {\n    dashboards(first: 100) { edges { node { id viewerCan { edit delete lock share copy move settings export } } } }\n  }\n": types.DashListCanDocument,
    "\n  query DashOneCan($id: ID!) { dashboard(id: $id) { id viewerCan { edit delete lock share copy move settings export } } }\n": types.DashOneCanDocument,
    "\n  query DashPage($first: Int, $after: String, $last: Int, $before: String) {\n    dashboards(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id viewerCan { share } } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.DashPageDocument,
    "mutation DashImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.DashImpersonateDocument,
    "query DashWidgetNode($id: ID!) { node(id: $id) { id ... on Widget { title } } }": types.DashWidgetNodeDocument,
    "mutation DashDeleteWidget($id: ID!) { deleteWidget(id: $id) }": types.DashDeleteWidgetDocument,
    "\n    query DashGuarded($dashboard: ID!, $folder: ID!) {\n      dashboard(id: $dashboard) { title shares { granteeType } filters { field permissions } }\n      folder(id: $folder) { name shares { granteeType } }\n    }\n  ": types.DashGuardedDocument,
    "mutation DashAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { field } }": types.DashAddFilterDocument,
    "mutation HostsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id host port sslMode caCertificate } }": types.HostsCreateDocument,
    "mutation HostsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id host port database user sslMode } }": types.HostsUpdateDocument,
    "mutation HostsTest($id: ID!) { testConnection(id: $id) { ok message } }": types.HostsTestDocument,
    "query HostsSettings($id: ID!) { dataSource(id: $id) { id sslMode caCertificate } }": types.HostsSettingsDocument,
    "mutation HostsShare($input: ShareInput!) { share(input: $input) { granteeType } }": types.HostsShareDocument,
    "mutation DsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id name host port user schemas } }": types.DsCreateDocument,
    "mutation DsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id name host port user } }": types.DsUpdateDocument,
    "mutation DsDelete($id: ID!) { deleteDataSource(id: $id) }": types.DsDeleteDocument,
    "mutation DsTest($id: ID!) { testConnection(id: $id) { ok message } }": types.DsTestDocument,
    "mutation DsShare($input: ShareInput!) { share(input: $input) { granteeType } }": types.DsShareDocument,
    "mutation DsUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }": types.DsUnshareDocument,
    "\n  query DsById($id: ID!) {\n    dataSource(id: $id) { id name schemas createdAt updatedAt owner { id name } host port database user shares { granteeType user { id } } viewerCan { use manage } }\n  }\n": types.DsByIdDocument,
    "\n  query DsList($first: Int, $after: String) {\n    dataSources(first: $first, after: $after) { edges { node { id name owner { name } } } pageInfo { hasNextPage endCursor } }\n  }\n": types.DsListDocument,
    "query DsNode($id: ID!) { node(id: $id) { id ... on DataSource { name } } }": types.DsNodeDocument,
    "mutation DatasetsCreate($input: CreateDatasetInput!) { createDataset(input: $input) { id name version dataSource { id name } owner { id } } }": types.DatasetsCreateDocument,
    "mutation DatasetsUpdate($input: UpdateDatasetInput!) { updateDataset(input: $input) { id name version calculations { name expression } } }": types.DatasetsUpdateDocument,
    "mutation DatasetsDelete($id: ID!) { deleteDataset(id: $id) }": types.DatasetsDeleteDocument,
    "mutation DatasetsShare($input: ShareInput!) { share(input: $input) { granteeType } }": types.DatasetsShareDocument,
    "\n  query DatasetsRead($id: ID!) {\n    dataset(id: $id) {\n      id name version createdAt updatedAt dataSource { id name } owner { id name }\n      models { name table fields { name type column } }\n      relationships { from to }\n      calculations { name expression }\n      shares { granteeType user { id } }\n      viewerCan { explore manage seeDefinition }\n    }\n  }\n": types.DatasetsReadDocument,
    "\n  query DatasetsList($first: Int, $after: String) {\n    datasets(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } }\n  }\n": types.DatasetsListDocument,
    "query DatasetsListForCount { datasets(first: 50) { edges { node { name owner { name } viewerCan { explore } } } } }": types.DatasetsListForCountDocument,
    "query DatasetsNode($id: ID!) { node(id: $id) { id ... on Dataset { name } } }": types.DatasetsNodeDocument,
    "\n  mutation DeleteUserDelete($input: DeleteUserInput!) {\n    deleteUser(input: $input) {\n      deletedUserId\n      transferredTo { id }\n      moved { folders personalFolders dashboards personalDashboards widgets datasets dataSources shareableLinks }\n    }\n  }\n": types.DeleteUserDeleteDocument,
    "query DeleteUserViewer { viewer { user { id } } }": types.DeleteUserViewerDocument,
    "mutation DemoRlpLogin($input: LoginInput!) { login(input: $input) { token user { id email } } }": types.DemoRlpLoginDocument,
    "query DemoRlpDatasets { datasets(first: 50) { edges { node { id name } } } }": types.DemoRlpDatasetsDocument,
    "\n  query DemoRlpRevenue($id: ID!) {\n    dataset(id: $id) {\n      query(input: { dimensions: [\"countries.name\"], measures: [{ field: \"orders.amount\", aggregation: SUM }] }) { rows missingAttributes }\n    }\n  }\n": types.DemoRlpRevenueDocument,
    "mutation DemoRlpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.DemoRlpImpersonateDocument,
    "query DemoRlpDashboards { dashboards(first: 20) { edges { node { id title } } } }": types.DemoRlpDashboardsDocument,
    "mutation DemoRlpEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { kid audience } secret } }": types.DemoRlpEmbedKeyDocument,
    "\n  query DemoRlpBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n": types.DemoRlpBoardDocument,
    "\n  mutation DigestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id digest { frequency localTime weekday } }\n  }\n": types.DigestUpdateMeDocument,
    "\n  mutation EkCreate($input: CreateEmbedKeyInput!) {\n    createEmbedKey(input: $input) { key { id kid name algorithm audience publicKeyJwk maxTokenLifetimeSeconds createdAt revokedAt } secret }\n  }\n": types.EkCreateDocument,
    "mutation EkRevoke($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }": types.EkRevokeDocument,
    "\n  query EkList($first: Int, $after: String) {\n    embedKeys(first: $first, after: $after) { edges { node { id name algorithm audience revokedAt } } pageInfo { hasNextPage endCursor } }\n  }\n": types.EkListDocument,
    "query EkNode($id: ID!) { node(id: $id) { id ... on EmbedKey { name algorithm } } }": types.EkNodeDocument,
    "\n  mutation EmbedTokensCreateKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id kid audience } secret } }\n": types.EmbedTokensCreateKeyDocument,
    "mutation EmbedTokensRevokeKey($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }": types.EmbedTokensRevokeKeyDocument,
    "query EmbedTokensViewer { viewer { kind user { id } tenant { slug } } }": types.EmbedTokensViewerDocument,
    "\n  query EmbedTokensBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n": types.EmbedTokensBoardDocument,
    "query EmbedTokensBoardTitle($id: ID!) { dashboard(id: $id) { title } }": types.EmbedTokensBoardTitleDocument,
    "query EmbedTokensDashboards { dashboards(first: 10) { edges { node { id } } } }": types.EmbedTokensDashboardsDocument,
    "query EmbedTokensDatasets { datasets(first: 10) { edges { node { id } } } }": types.EmbedTokensDatasetsDocument,
    "query EmbedTokensUsers { users(first: 10) { edges { node { id } } } }": types.EmbedTokensUsersDocument,
    "query EmbedTokensNode($id: ID!) { node(id: $id) { id } }": types.EmbedTokensNodeDocument,
    "query EmbedTokensOwner($id: ID!) { dashboard(id: $id) { owner { id } } }": types.EmbedTokensOwnerDocument,
    "query EmbedTokensWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }": types.EmbedTokensWidgetQueryDocument,
    "query EmbedTokensSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }": types.EmbedTokensSqlDocument,
    "mutation EmbedTokensCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }": types.EmbedTokensCreateDashboardDocument,
    "query EmbedTokensDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }": types.EmbedTokensDatasetDocument,
    "\n    query EmbedTokensAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  ": types.EmbedTokensAuditDocument,
    "\n  mutation WorkloadExport($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url }\n  }\n": types.WorkloadExportDocument,
    "\n  query WorkloadExportExplore($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"rows.id\"], limit: 5 }) { rowCount } } }\n": types.WorkloadExportExploreDocument,
    "\n  mutation ExportDatasetRun($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url expiresAt }\n  }\n": types.ExportDatasetRunDocument,
    "\n  mutation ExportWidgetRun($input: ExportWidgetInput!) {\n    exportWidget(input: $input) { url expiresAt }\n  }\n": types.ExportWidgetRunDocument,
    "\n  query ExportReferenceRows($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name } rows } }\n  }\n": types.ExportReferenceRowsDocument,
    "\n  query ExportReferenceWidget($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { id data(filters: $filters) { columns { name } rows } } }\n  }\n": types.ExportReferenceWidgetDocument,
    "\n  mutation PermQueryAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id permissions }\n  }\n": types.PermQueryAddFilterDocument,
    "\n  mutation PermQueryUpdateFilter($input: UpdateDashboardFilterInput!) {\n    updateDashboardFilter(input: $input) { id permissions }\n  }\n": types.PermQueryUpdateFilterDocument,
    "\n  query PermQueryLoad($id: ID!) {\n    dashboard(id: $id) {\n      widgets { data { rows } }\n      filters { id options permissionNotices { line message } }\n    }\n  }\n": types.PermQueryLoadDocument,
    "\n  mutation FilterPermAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id type field permissions }\n  }\n": types.FilterPermAddFilterDocument,
    "query FilterPermFilters($id: ID!) { dashboard(id: $id) { filters { id type field permissions } } }": types.FilterPermFiltersDocument,
    "query FpDashboard($id: ID!) { dashboard(id: $id) { id folderPath { id name } } }": types.FpDashboardDocument,
    "query FpFolder($id: ID!) { folder(id: $id) { id path { id name } } }": types.FpFolderDocument,
    "query FpList { dashboards(first: 100) { edges { node { id folderPath { name } } } } }": types.FpListDocument,
    "mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }": types.GroupsCreateDocument,
    "mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }": types.GroupsAddMembersDocument,
    "\n  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }\n": types.GroupsRemoveMembersDocument,
    "\n  query GroupsList($first: Int, $after: String, $last: Int) {\n    groups(first: $first, after: $after, last: $last) {\n      edges { cursor node { id name memberCount } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.GroupsListDocument,
    "\n  query GroupsById($id: ID!, $first: Int, $after: String) {\n    group(id: $id) {\n      id name memberCount\n      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": types.GroupsByIdDocument,
    "query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }": types.GroupsNodeDocument,
    "query Me { viewer { user { email } } }": types.MeDocument,
    "mutation IvImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.IvImpersonateDocument,
    "\n  query IvDatasetQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { id query(input: $input) { rows } } }\n": types.IvDatasetQueryDocument,
    "\n  query IvDashboard($id: ID!) { dashboard(id: $id) { id widgets { id data { rows } } } }\n": types.IvDashboardDocument,
    "query IvFolder($id: ID!) { folder(id: $id) { id } }": types.IvFolderDocument,
    "query IvNode($id: ID!) { node(id: $id) { id } }": types.IvNodeDocument,
    "\n  query IvLists {\n    datasets(first: 100) { edges { node { id } } }\n    dashboards(first: 100) { edges { node { id } } }\n    folders(first: 100) { edges { node { id } } }\n  }\n": types.IvListsDocument,
    "\n  query IvListsFull {\n    datasets(first: 100) { edges { node { id viewerCan { explore manage seeDefinition } } } }\n    dashboards(first: 100) { edges { node { id folderPath { name } viewerCan { edit share export } } } }\n  }\n": types.IvListsFullDocument,
    "mutation IvRename($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title } }": types.IvRenameDocument,
    "query IvDatasetCan($id: ID!) { dataset(id: $id) { viewerCan { explore } } }": types.IvDatasetCanDocument,
    "mutation ImpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.ImpImpersonateDocument,
    "mutation ImpStop { stopImpersonating }": types.ImpStopDocument,
    "\n  query ImpViewer { viewer { kind user { id role email } impersonator { id name } } }\n": types.ImpViewerDocument,
    "\n  mutation ImpUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }\n": types.ImpUpdateUserDocument,
    "mutation ImpDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.ImpDeactivateDocument,
    "\n  query ImpAudit($resourceId: ID) {\n    auditEvents(first: 20, resourceId: $resourceId) { edges { node { action actor { id } impersonator { id } summary } } }\n  }\n": types.ImpAuditDocument,
    "\n  query InjectionRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { rows sql sqlParameters missingAttributes } }\n  }\n": types.InjectionRunDocument,
    "mutation InjectionCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": types.InjectionCreateDatasetDocument,
    "mutation InjectionCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": types.InjectionCreateAttributeDocument,
    "\n  mutation InjectionSetAttributeValue($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { mode effective { values } }\n  }\n": types.InjectionSetAttributeValueDocument,
    "\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n      skipped { email index reason message }\n    }\n  }\n": types.InvitationsInviteDocument,
    "\n  mutation InvitationsAccept($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) { token user { id name email status } }\n  }\n": types.InvitationsAcceptDocument,
    "\n  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }\n": types.InvitationsResendDocument,
    "query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }": types.InvitationsViewerDocument,
    "mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }": types.InvitationsLoginDocument,
    "\n  mutation InvitationsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { invitationExpiryDays seatLimit } }\n": types.InvitationsSettingsDocument,
    "query InvitationsReadSettings { tenantSettings { invitationExpiryDays seatLimit } viewer { tenant { settings { invitationExpiryDays } } } }": types.InvitationsReadSettingsDocument,
    "mutation DemoteAdmin($input: UpdateUserInput!) { updateUser(input: $input) { id role } }": types.DemoteAdminDocument,
    "mutation DeactivateAdmin($id: ID!) { deactivateUser(id: $id) { id status } }": types.DeactivateAdminDocument,
    "mutation DeleteAdmin($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }": types.DeleteAdminDocument,
    "\n  mutation MailDeliveryInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) { invitations { token user { id email } } }\n  }\n": types.MailDeliveryInviteDocument,
    "query MalformedFolders($parentId: ID) { folders(parentId: $parentId) { edges { node { id } } } }": types.MalformedFoldersDocument,
    "mutation MalformedCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }": types.MalformedCreateDashboardDocument,
    "mutation MalformedMoveDashboard($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }": types.MalformedMoveDashboardDocument,
    "mutation MalformedAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }": types.MalformedAddWidgetDocument,
    "mutation MalformedShare($input: ShareInput!) { share(input: $input) { __typename } }": types.MalformedShareDocument,
    "mutation MalformedAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }": types.MalformedAddMembersDocument,
    "mutation MalformedGrant($input: UpdateUserInput!) { updateUser(input: $input) { id } }": types.MalformedGrantDocument,
    "query MatrixViewDashboard($id: ID!) { dashboard(id: $id) { id } }": types.MatrixViewDashboardDocument,
    "query MatrixViewFolder($id: ID!) { folder(id: $id) { id } }": types.MatrixViewFolderDocument,
    "\n  mutation MatrixUpdateDashboard($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }\n": types.MatrixUpdateDashboardDocument,
    "mutation MatrixLock($id: ID!) { lockDashboard(id: $id) { id locked } }": types.MatrixLockDocument,
    "mutation MatrixShare($input: ShareInput!) { share(input: $input) { granteeType } }": types.MatrixShareDocument,
    "\n  mutation MatrixCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }\n": types.MatrixCreateDashboardDocument,
    "mutation MatrixMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }": types.MatrixMoveDocument,
    "mutation MatrixCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }": types.MatrixCopyDocument,
    "mutation MatrixRenameFolder($input: RenameFolderInput!) { renameFolder(input: $input) { id } }": types.MatrixRenameFolderDocument,
    "mutation MatrixCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }": types.MatrixCreateGroupDocument,
    "\n  mutation MatrixCreateDataSource($input: CreateDataSourceInput!) { createDataSource(input: $input) { id } }\n": types.MatrixCreateDataSourceDocument,
    "query MatrixViewDataSource($id: ID!) { dataSource(id: $id) { id } }": types.MatrixViewDataSourceDocument,
    "query MatrixViewDataset($id: ID!) { dataset(id: $id) { id } }": types.MatrixViewDatasetDocument,
    "query MatrixDatasetDefinition($id: ID!) { dataset(id: $id) { relationships { from } } }": types.MatrixDatasetDefinitionDocument,
    "mutation MatrixUpdateDataset($input: UpdateDatasetInput!) { updateDataset(input: $input) { id } }": types.MatrixUpdateDatasetDocument,
    "mutation MatrixImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.MatrixImpersonateDocument,
    "query MatrixAudit { auditEvents(first: 1) { edges { node { id } } } }": types.MatrixAuditDocument,
    "query MatrixWidgetData($id: ID!) { dashboard(id: $id) { widgets { data { rowCount } } } }": types.MatrixWidgetDataDocument,
    "mutation MatrixAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }": types.MatrixAddWidgetDocument,
    "\n  mutation MatrixCreateShareableLink($input: CreateShareableLinkInput!) { createShareableLink(input: $input) { link { id } } }\n": types.MatrixCreateShareableLinkDocument,
    "mutation MatrixCreateEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id } } }": types.MatrixCreateEmbedKeyDocument,
    "mutation MatrixUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }": types.MatrixUpdateUserDocument,
    "mutation MatrixExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }": types.MatrixExportWidgetDocument,
    "\n  query CacheRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }\n": types.CacheRunDocument,
    "mutation CacheCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": types.CacheCreateDatasetDocument,
    "mutation CacheCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": types.CacheCreateAttributeDocument,
    "mutation CacheSetUserValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }": types.CacheSetUserValueDocument,
    "\n  mutation CacheSetRules($input: SetDatasetPermissionRulesInput!) { setDatasetPermissionRules(input: $input) { id } }\n": types.CacheSetRulesDocument,
    "query NoticeWhoAmI { viewer { kind tenant { slug } } }": types.NoticeWhoAmIDocument,
    "mutation NpRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }": types.NpRequestDocument,
    "mutation NpReset($input: ResetPasswordInput!) { resetPassword(input: $input) }": types.NpResetDocument,
    "mutation NpLogin($input: LoginInput!) { login(input: $input) { token } }": types.NpLoginDocument,
    "mutation NpCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": types.NpCreateTokenDocument,
    "mutation NpEnroll { enrollTwoFactor { secret otpauthUri } }": types.NpEnrollDocument,
    "mutation NpConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }": types.NpConfirmDocument,
    "query NpViewer { viewer { kind } }": types.NpViewerDocument,
    "mutation NpInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token } } }": types.NpInviteDocument,
    "mutation NpImport($input: ImportUsersInput!) { importUsers(input: $input) { invitations { token } } }": types.NpImportDocument,
    "query ObsViewer { viewer { kind } }": types.ObsViewerDocument,
    "query ObsUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }": types.ObsUsersDocument,
    "query ObsMissingUser($id: ID!) { user(id: $id) { id } }": types.ObsMissingUserDocument,
    "mutation ObsLogin($input: LoginInput!) { login(input: $input) { token } }": types.ObsLoginDocument,
    "query ObsWidgets($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }": types.ObsWidgetsDocument,
    "mutation OvCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }": types.OvCreateDocument,
    "mutation OvAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }": types.OvAddWidgetDocument,
    "mutation OvUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }": types.OvUpdateDocument,
    "\n  mutation OvSetOverrides($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id role datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n": types.OvSetOverridesDocument,
    "\n  query OvReadOverrides($id: ID!) {\n    user(id: $id) {\n      id name datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n": types.OvReadOverridesDocument,
    "mutation PrRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }": types.PrRequestDocument,
    "mutation PrReset($input: ResetPasswordInput!) { resetPassword(input: $input) }": types.PrResetDocument,
    "mutation PrSend($userId: ID!) { sendPasswordReset(userId: $userId) }": types.PrSendDocument,
    "mutation PrLogin($input: LoginInput!) { login(input: $input) { token } }": types.PrLoginDocument,
    "query PrViewer { viewer { kind } }": types.PrViewerDocument,
    "query LifecycleViewer { viewer { user { id status } } }": types.LifecycleViewerDocument,
    "mutation LifecycleDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.LifecycleDeactivateDocument,
    "mutation LifecycleRestore($id: ID!) { restoreUser(id: $id) { id status } }": types.LifecycleRestoreDocument,
    "mutation LifecycleLogin($input: LoginInput!) { login(input: $input) { token } }": types.LifecycleLoginDocument,
    "mutation LifecycleImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.LifecycleImpersonateDocument,
    "\n  query QueryRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name type } rows rowCount truncated sql sqlParameters missingAttributes } }\n  }\n": types.QueryRunDocument,
    "mutation QueryCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": types.QueryCreateDatasetDocument,
    "mutation QueryUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id } }": types.QueryUpdateSourceDocument,
    "query RlpRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows missingAttributes } } }": types.RlpRunDocument,
    "mutation RlpCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": types.RlpCreateDatasetDocument,
    "mutation RlpCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": types.RlpCreateAttributeDocument,
    "mutation RlpSetUserAttributeValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }": types.RlpSetUserAttributeValueDocument,
    "mutation RlpSetGroupAttributeValue($input: SetGroupAttributeValueInput!) { setGroupAttributeValue(input: $input) { all values } }": types.RlpSetGroupAttributeValueDocument,
    "\n  mutation RlpSetRules($input: SetDatasetPermissionRulesInput!) {\n    setDatasetPermissionRules(input: $input) { id version permissionRules { field operator attribute values } }\n  }\n": types.RlpSetRulesDocument,
    "query SeatsUsage { seatUsage { paid public limit } }": types.SeatsUsageDocument,
    "mutation SeatsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { seatLimit invitationExpiryDays } }": types.SeatsSettingsDocument,
    "\n  mutation SeatsInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { user { id } } skipped { email reason } } }\n": types.SeatsInviteDocument,
    "mutation SeatsDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.SeatsDeactivateDocument,
    "mutation SeatsRestore($id: ID!) { restoreUser(id: $id) { id status } }": types.SeatsRestoreDocument,
    "query InstancesDashboard($id: ID!) { dashboard(id: $id) { title } }": types.InstancesDashboardDocument,
    "mutation InstancesUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }": types.InstancesUnshareDocument,
    "query InstancesAudit { auditEvents(first: 1) { edges { node { id } } } }": types.InstancesAuditDocument,
    "mutation InstancesUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }": types.InstancesUpdateUserDocument,
    "mutation InstancesDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.InstancesDeactivateDocument,
    "query InstancesWhoAmI { viewer { kind } }": types.InstancesWhoAmIDocument,
    "\n  query InstancesExplore($id: ID!, $limit: Int) { dataset(id: $id) { query(input: { dimensions: [\"orders.country\"], limit: $limit }) { rowCount } } }\n": types.InstancesExploreDocument,
    "\n  mutation ShareLinksCreate($input: CreateShareableLinkInput!) {\n    createShareableLink(input: $input) {\n      link { id hasPassword expiresAt allowExport rowRestrictions { field values } userAttributes { attribute values } createdBy { id } }\n      token\n    }\n  }\n": types.ShareLinksCreateDocument,
    "mutation ShareLinksOpen($input: OpenShareableLinkInput!) { openShareableLink(input: $input) { token expiresAt } }": types.ShareLinksOpenDocument,
    "mutation ShareLinksRevoke($id: ID!) { revokeShareableLink(id: $id) { id revokedAt } }": types.ShareLinksRevokeDocument,
    "\n  query ShareLinksList($dashboardId: ID!) {\n    shareableLinks(dashboardId: $dashboardId, first: 50) {\n      edges { node { id createdAt expiresAt revokedAt hasPassword rowRestrictions { field values } userAttributes { attribute values } createdBy { id } } }\n    }\n  }\n": types.ShareLinksListDocument,
    "query ShareLinksViewer { viewer { kind user { id } tenant { slug } } }": types.ShareLinksViewerDocument,
    "\n  query ShareLinksBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n": types.ShareLinksBoardDocument,
    "query ShareLinksBoardTitle($id: ID!) { dashboard(id: $id) { title } }": types.ShareLinksBoardTitleDocument,
    "mutation ShareLinksDeleteBoard($id: ID!) { deleteDashboard(id: $id) }": types.ShareLinksDeleteBoardDocument,
    "query ShareLinksNode($id: ID!) { node(id: $id) { id ... on ShareableLink { hasPassword } } }": types.ShareLinksNodeDocument,
    "query ShareLinksDashboards { dashboards(first: 10) { edges { node { id } } } }": types.ShareLinksDashboardsDocument,
    "query ShareLinksDatasets { datasets(first: 10) { edges { node { id } } } }": types.ShareLinksDatasetsDocument,
    "query ShareLinksUsers { users(first: 10) { edges { node { id } } } }": types.ShareLinksUsersDocument,
    "query ShareLinksOwner($id: ID!) { dashboard(id: $id) { owner { id } } }": types.ShareLinksOwnerDocument,
    "query ShareLinksWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }": types.ShareLinksWidgetQueryDocument,
    "query ShareLinksSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }": types.ShareLinksSqlDocument,
    "mutation ShareLinksCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }": types.ShareLinksCreateDashboardDocument,
    "query ShareLinksDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }": types.ShareLinksDatasetDocument,
    "\n    query ShareLinksAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  ": types.ShareLinksAuditDocument,
    "mutation ShareLinksExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }": types.ShareLinksExportWidgetDocument,
    "mutation ShareLinksExportDataset($input: ExportDatasetQueryInput!) { exportDatasetQuery(input: $input) { url } }": types.ShareLinksExportDatasetDocument,
    "query ShareLinksWidgetIds($id: ID!) { dashboard(id: $id) { widgets { id data { rows } } } }": types.ShareLinksWidgetIdsDocument,
    "\n  mutation ThrottledLogin($input: LoginInput!) {\n    login(input: $input) { token }\n  }\n": types.ThrottledLoginDocument,
    "query TrUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }": types.TrUsersDocument,
    "query TrQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }": types.TrQueryDocument,
    "\n  mutation TfLogin($input: LoginInput!) { login(input: $input) { token twoFactorEnrollmentRequired user { id twoFactorEnabled } } }\n": types.TfLoginDocument,
    "mutation TfEnroll { enrollTwoFactor { secret otpauthUri } }": types.TfEnrollDocument,
    "mutation TfConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }": types.TfConfirmDocument,
    "mutation TfReset($userId: ID!) { resetTwoFactor(userId: $userId) { id twoFactorEnabled } }": types.TfResetDocument,
    "\n  mutation TfSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { requireTwoFactor } }\n": types.TfSettingsDocument,
    "query TfReadSettings { tenantSettings { requireTwoFactor } }": types.TfReadSettingsDocument,
    "query TfViewer { viewer { kind enrollmentOnly user { id email twoFactorEnabled } tenant { slug } } }": types.TfViewerDocument,
    "query TfUser($id: ID!) { user(id: $id) { id twoFactorEnabled } }": types.TfUserDocument,
    "query TfUsers { users(first: 5) { edges { node { id } } } }": types.TfUsersDocument,
    "mutation TfLogout { logout }": types.TfLogoutDocument,
    "mutation TfCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }": types.TfCreateTokenDocument,
    "mutation TfImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.TfImpersonateDocument,
    "\n  mutation UpdateMeSelf($input: UpdateMeInput!) {\n    updateMe(input: $input) { id name timezone role status digest { frequency localTime weekday } }\n  }\n": types.UpdateMeSelfDocument,
    "query UpdateMeViewer { viewer { user { id name } } }": types.UpdateMeViewerDocument,
    "mutation UpdateMeLogin($input: LoginInput!) { login(input: $input) { token } }": types.UpdateMeLoginDocument,
    "mutation UpdateMeImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }": types.UpdateMeImpersonateDocument,
    "mutation UpdateMeUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }": types.UpdateMeUpdateUserDocument,
    "mutation UpdateMeCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }": types.UpdateMeCreateAttributeDocument,
    "mutation UpdateMeSetAttribute($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { __typename } }": types.UpdateMeSetAttributeDocument,
    "mutation UpdateMeAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }": types.UpdateMeAddMembersDocument,
    "mutation UpdateMeDeactivate($id: ID!) { deactivateUser(id: $id) { id } }": types.UpdateMeDeactivateDocument,
    "\n  query CsvUsers($search: String, $status: UserStatus, $role: Role, $groupId: ID, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, groupId: $groupId, first: $first, after: $after) {\n      edges { node { id name email role status twoFactorEnabled lastActiveAt groups { name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.CsvUsersDocument,
    "\n  mutation CsvExportUsers($input: ExportUsersInput!) {\n    exportUsers(input: $input) { url expiresAt }\n  }\n": types.CsvExportUsersDocument,
    "\n  mutation CsvImportUsers($input: ImportUsersInput!) {\n    importUsers(input: $input) {\n      invited\n      errors { line field message }\n      invitations { user { id email } token }\n    }\n  }\n": types.CsvImportUsersDocument,
    "mutation CsvAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { status } } }": types.CsvAcceptDocument,
    "\n  query UserPrivate($id: ID!) {\n    user(id: $id) {\n      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt\n      groups { name }\n    }\n  }\n": types.UserPrivateDocument,
    "\n  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.UsersListDocument,
    "\n  query UsersWithGroups($first: Int) {\n    users(first: $first) { edges { node { groups { name } } } }\n  }\n": types.UsersWithGroupsDocument,
    "query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }": types.NodeQueryDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }\n  }\n": types.UpdateUserDocument,
    "mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }": types.DeactivateDocument,
    "mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }": types.RestoreDocument,
    "\n  query BudgetFanOut {\n    dashboards(first: 100) { edges { node { widgets { data { rowCount } } } } }\n  }\n": types.BudgetFanOutDocument,
    "\n  query BudgetDashboardData($id: ID!) {\n    dashboard(id: $id) { __typename widgets { __typename data { __typename rowCount } } }\n  }\n": types.BudgetDashboardDataDocument,
    "\n  query BudgetBigQueries($id: ID!) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q7: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q8: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q9: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q10: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q11: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q12: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q13: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q14: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q15: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q16: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q17: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q18: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q19: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q20: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n    }\n  }\n": types.BudgetBigQueriesDocument,
    "\n  query BudgetOneBigQuery($id: ID!, $limit: Int) {\n    dataset(id: $id) { query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount } }\n  }\n": types.BudgetOneBigQueryDocument,
    "\n  query BudgetSixQueries($id: ID!, $limit: Int) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.id\"], limit: $limit }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\", \"sales.id\"], limit: $limit }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: SUM }], limit: $limit }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.id\", \"sales.country\"], limit: $limit }) { rowCount }\n    }\n  }\n": types.BudgetSixQueriesDocument,
    "\n  mutation BudgetCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }\n": types.BudgetCopyDocument,
    "\n  mutation BudgetAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n": types.BudgetAddFilterDocument,
    "\n  mutation BudgetAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }\n": types.BudgetAddWidgetDocument,
    "query WarehouseRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }": types.WarehouseRunDocument,
    "mutation WarehouseCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }": types.WarehouseCreateDatasetDocument,
    "mutation WarehouseUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id schemas port } }": types.WarehouseUpdateSourceDocument,
    "query WarehouseWidgetRows($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }": types.WarehouseWidgetRowsDocument,
    "query WorkloadWidget($id: ID!) { dashboard(id: $id) { widgets { title data { rows } } } }": types.WorkloadWidgetDocument,
    "\n  query WorkloadExplore($id: ID!, $limit: Int) { dataset(id: $id) {\n      query(input: { dimensions: [\"orders.country\"], measures: [{ field: \"orders.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n    }\n  }\n": types.WorkloadExploreDocument,
    "\n  mutation WorkloadAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n": types.WorkloadAddFilterDocument,
    "query WorkloadFilterOptions($id: ID!) { dashboard(id: $id) { filters { options } } }": types.WorkloadFilterOptionsDocument,
    "\n  query WidgetDataRun($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id options }\n    }\n  }\n": types.WidgetDataRunDocument,
    "mutation WuAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title query } }": types.WuAddWidgetDocument,
    "mutation WuUpdateWidget($input: UpdateWidgetInput!) { updateWidget(input: $input) { id title query } }": types.WuUpdateWidgetDocument,
    "query WuWidgets($id: ID!) { dashboard(id: $id) { widgets { id title query } } }": types.WuWidgetsDocument,
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
export function graphql(source: "\n  mutation AtCreate($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name prefix lastUsedAt revokedAt } } }\n"): (typeof documents)["\n  mutation AtCreate($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name prefix lastUsedAt revokedAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtRevoke($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }"): (typeof documents)["mutation AtRevoke($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AtList { apiTokens(first: 100) { edges { node { id name prefix createdAt lastUsedAt revokedAt } } } }"): (typeof documents)["query AtList { apiTokens(first: 100) { edges { node { id name prefix createdAt lastUsedAt revokedAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AtViewer { viewer { kind user { id email role } tenant { slug } } }"): (typeof documents)["query AtViewer { viewer { kind user { id email role } tenant { slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id allowApiAccess } }"): (typeof documents)["mutation AtUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id allowApiAccess } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation AtDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtRestore($id: ID!) { restoreUser(id: $id) { id status } }"): (typeof documents)["mutation AtRestore($id: ID!) { restoreUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AtNode($id: ID!) { node(id: $id) { id ... on ApiToken { name revokedAt } } }"): (typeof documents)["query AtNode($id: ID!) { node(id: $id) { id ... on ApiToken { name revokedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation AtImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttrCreate($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id name type system createdAt } }"): (typeof documents)["mutation AttrCreate($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id name type system createdAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttrUpdate($input: UpdateUserAttributeInput!) { updateUserAttribute(input: $input) { id name type } }"): (typeof documents)["mutation AttrUpdate($input: UpdateUserAttributeInput!) { updateUserAttribute(input: $input) { id name type } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttrDelete($id: ID!) { deleteUserAttribute(id: $id) }"): (typeof documents)["mutation AttrDelete($id: ID!) { deleteUserAttribute(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttrList { userAttributes { id name type system } }"): (typeof documents)["query AttrList { userAttributes { id name type system } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttrSetUser($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { attribute { name type } mode source effective { all values missing } }\n  }\n"): (typeof documents)["\n  mutation AttrSetUser($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { attribute { name type } mode source effective { all values missing } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttrSetGroup($input: SetGroupAttributeValueInput!) {\n    setGroupAttributeValue(input: $input) { group { name } attribute { name } all values }\n  }\n"): (typeof documents)["\n  mutation AttrSetGroup($input: SetGroupAttributeValueInput!) {\n    setGroupAttributeValue(input: $input) { group { name } attribute { name } all values }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AttrOfUser($id: ID!) {\n    user(id: $id) { id attributes { attribute { name type system } mode source effective { all values missing } } }\n  }\n"): (typeof documents)["\n  query AttrOfUser($id: ID!) {\n    user(id: $id) { id attributes { attribute { name type system } mode source effective { all values missing } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttrOfGroup($id: ID!) { group(id: $id) { name attributeValues { attribute { name } all values } } }"): (typeof documents)["query AttrOfGroup($id: ID!) { group(id: $id) { name attributeValues { attribute { name } all values } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttrUsersList($first: Int) { users(first: $first) { edges { node { attributes { attribute { name } source } } } } }"): (typeof documents)["query AttrUsersList($first: Int) { users(first: $first) { edges { node { attributes { attribute { name } source } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttrRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }"): (typeof documents)["mutation AttrRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String, $resourceId: ID, $actorId: ID) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before, resourceId: $resourceId, actorId: $actorId) {\n      edges { cursor node { id createdAt action resourceType resourceId summary actor { id name } impersonator { id name } } }\n      pageInfo { hasNextPage hasPreviousPage endCursor startCursor }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String, $resourceId: ID, $actorId: ID) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before, resourceId: $resourceId, actorId: $actorId) {\n      edges { cursor node { id createdAt action resourceType resourceId summary actor { id name } impersonator { id name } } }\n      pageInfo { hasNextPage hasPreviousPage endCursor startCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }"): (typeof documents)["mutation AuditUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditDeactivate($id: ID!) { deactivateUser(id: $id) { id } }"): (typeof documents)["mutation AuditDeactivate($id: ID!) { deactivateUser(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditRestore($id: ID!) { restoreUser(id: $id) { id } }"): (typeof documents)["mutation AuditRestore($id: ID!) { restoreUser(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }"): (typeof documents)["mutation AuditCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }"): (typeof documents)["mutation AuditAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }"): (typeof documents)["mutation AuditRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token user { id } } } }\n"): (typeof documents)["\n  mutation AuditInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token user { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token } } }"): (typeof documents)["mutation AuditResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }"): (typeof documents)["mutation AuditAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation AuditImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditStop { stopImpersonating }"): (typeof documents)["mutation AuditStop { stopImpersonating }"];
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
export function graphql(source: "\n  query DashFiltersData($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { data(filters: $filters) { rows } } }\n  }\n"): (typeof documents)["\n  query DashFiltersData($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { data(filters: $filters) { rows } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashFiltersOptions($id: ID!) { dashboard(id: $id) { filters { id options } } }"): (typeof documents)["query DashFiltersOptions($id: ID!) { dashboard(id: $id) { filters { id options } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashFiltersUpdate($input: UpdateDashboardFilterInput!) { updateDashboardFilter(input: $input) { id label permissions } }\n"): (typeof documents)["\n  mutation DashFiltersUpdate($input: UpdateDashboardFilterInput!) { updateDashboardFilter(input: $input) { id label permissions } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashFiltersDelete($id: ID!) { deleteDashboardFilter(id: $id) }"): (typeof documents)["mutation DashFiltersDelete($id: ID!) { deleteDashboardFilter(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LockMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace folder { id } } }\n"): (typeof documents)["\n  mutation LockMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace folder { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LockDelete($id: ID!) { deleteDashboard(id: $id) }"): (typeof documents)["mutation LockDelete($id: ID!) { deleteDashboard(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LockCan($id: ID!) { dashboard(id: $id) { workspace viewerCan { move delete copy } } }"): (typeof documents)["query LockCan($id: ID!) { dashboard(id: $id) { workspace viewerCan { move delete copy } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashList($search: String, $first: Int) {\n    dashboards(search: $search, first: $first) { edges { node { id title } } }\n  }\n"): (typeof documents)["\n  query DashList($search: String, $first: Int) {\n    dashboards(search: $search, first: $first) { edges { node { id title } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashFull($first: Int) {\n    dashboards(first: $first) {\n      edges { node { id title owner { name } folderPath { name } shares { granteeType } viewerCan { edit lock share copy move export } } }\n    }\n  }\n"): (typeof documents)["\n  query DashFull($first: Int) {\n    dashboards(first: $first) {\n      edges { node { id title owner { name } folderPath { name } shares { granteeType } viewerCan { edit lock share copy move export } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashById($id: ID!) {\n    dashboard(id: $id) { id title locked folderPath { name } viewerCan { edit lock share delete copy move settings } }\n  }\n"): (typeof documents)["\n  query DashById($id: ID!) {\n    dashboard(id: $id) { id title locked folderPath { name } viewerCan { edit lock share delete copy move settings } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashFolderById($id: ID!) { folder(id: $id) { id name path { name } } }"): (typeof documents)["query DashFolderById($id: ID!) { folder(id: $id) { id name path { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashFolders($parentId: ID, $workspace: Workspace) {\n    folders(parentId: $parentId, workspace: $workspace) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query DashFolders($parentId: ID, $workspace: Workspace) {\n    folders(parentId: $parentId, workspace: $workspace) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashNode($id: ID!) { node(id: $id) { id } }"): (typeof documents)["query DashNode($id: ID!) { node(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashShare($input: ShareInput!) { share(input: $input) { granteeType } }"): (typeof documents)["mutation DashShare($input: ShareInput!) { share(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }"): (typeof documents)["mutation DashUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title description } }"): (typeof documents)["mutation DashUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title description } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashLock($id: ID!) { lockDashboard(id: $id) { locked } }"): (typeof documents)["mutation DashLock($id: ID!) { lockDashboard(id: $id) { locked } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashUnlock($id: ID!) { unlockDashboard(id: $id) { locked } }"): (typeof documents)["mutation DashUnlock($id: ID!) { unlockDashboard(id: $id) { locked } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id workspace } }"): (typeof documents)["mutation DashCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id workspace } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id title workspace widgets { title } owner { name } } }"): (typeof documents)["mutation DashCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id title workspace widgets { title } owner { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace } }"): (typeof documents)["mutation DashMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashDelete($id: ID!) { deleteDashboard(id: $id) }"): (typeof documents)["mutation DashDelete($id: ID!) { deleteDashboard(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashCreateFolder($input: CreateFolderInput!) { createFolder(input: $input) { id workspace } }"): (typeof documents)["mutation DashCreateFolder($input: CreateFolderInput!) { createFolder(input: $input) { id workspace } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashMoveFolder($input: MoveFolderInput!) { moveFolder(input: $input) { id } }"): (typeof documents)["mutation DashMoveFolder($input: MoveFolderInput!) { moveFolder(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashDeleteFolder($id: ID!) { deleteFolder(id: $id) }"): (typeof documents)["mutation DashDeleteFolder($id: ID!) { deleteFolder(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title } }"): (typeof documents)["mutation DashAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashListCan {\n    dashboards(first: 100) { edges { node { id viewerCan { edit delete lock share copy move settings export } } } }\n  }\n"): (typeof documents)["\n  query DashListCan {\n    dashboards(first: 100) { edges { node { id viewerCan { edit delete lock share copy move settings export } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashOneCan($id: ID!) { dashboard(id: $id) { id viewerCan { edit delete lock share copy move settings export } } }\n"): (typeof documents)["\n  query DashOneCan($id: ID!) { dashboard(id: $id) { id viewerCan { edit delete lock share copy move settings export } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashPage($first: Int, $after: String, $last: Int, $before: String) {\n    dashboards(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id viewerCan { share } } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query DashPage($first: Int, $after: String, $last: Int, $before: String) {\n    dashboards(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id viewerCan { share } } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation DashImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashWidgetNode($id: ID!) { node(id: $id) { id ... on Widget { title } } }"): (typeof documents)["query DashWidgetNode($id: ID!) { node(id: $id) { id ... on Widget { title } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashDeleteWidget($id: ID!) { deleteWidget(id: $id) }"): (typeof documents)["mutation DashDeleteWidget($id: ID!) { deleteWidget(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashGuarded($dashboard: ID!, $folder: ID!) {\n      dashboard(id: $dashboard) { title shares { granteeType } filters { field permissions } }\n      folder(id: $folder) { name shares { granteeType } }\n    }\n  "): (typeof documents)["\n    query DashGuarded($dashboard: ID!, $folder: ID!) {\n      dashboard(id: $dashboard) { title shares { granteeType } filters { field permissions } }\n      folder(id: $folder) { name shares { granteeType } }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { field } }"): (typeof documents)["mutation DashAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { field } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HostsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id host port sslMode caCertificate } }"): (typeof documents)["mutation HostsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id host port sslMode caCertificate } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HostsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id host port database user sslMode } }"): (typeof documents)["mutation HostsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id host port database user sslMode } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HostsTest($id: ID!) { testConnection(id: $id) { ok message } }"): (typeof documents)["mutation HostsTest($id: ID!) { testConnection(id: $id) { ok message } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HostsSettings($id: ID!) { dataSource(id: $id) { id sslMode caCertificate } }"): (typeof documents)["query HostsSettings($id: ID!) { dataSource(id: $id) { id sslMode caCertificate } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HostsShare($input: ShareInput!) { share(input: $input) { granteeType } }"): (typeof documents)["mutation HostsShare($input: ShareInput!) { share(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id name host port user schemas } }"): (typeof documents)["mutation DsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id name host port user schemas } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id name host port user } }"): (typeof documents)["mutation DsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id name host port user } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DsDelete($id: ID!) { deleteDataSource(id: $id) }"): (typeof documents)["mutation DsDelete($id: ID!) { deleteDataSource(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DsTest($id: ID!) { testConnection(id: $id) { ok message } }"): (typeof documents)["mutation DsTest($id: ID!) { testConnection(id: $id) { ok message } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DsShare($input: ShareInput!) { share(input: $input) { granteeType } }"): (typeof documents)["mutation DsShare($input: ShareInput!) { share(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DsUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }"): (typeof documents)["mutation DsUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DsById($id: ID!) {\n    dataSource(id: $id) { id name schemas createdAt updatedAt owner { id name } host port database user shares { granteeType user { id } } viewerCan { use manage } }\n  }\n"): (typeof documents)["\n  query DsById($id: ID!) {\n    dataSource(id: $id) { id name schemas createdAt updatedAt owner { id name } host port database user shares { granteeType user { id } } viewerCan { use manage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DsList($first: Int, $after: String) {\n    dataSources(first: $first, after: $after) { edges { node { id name owner { name } } } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query DsList($first: Int, $after: String) {\n    dataSources(first: $first, after: $after) { edges { node { id name owner { name } } } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DsNode($id: ID!) { node(id: $id) { id ... on DataSource { name } } }"): (typeof documents)["query DsNode($id: ID!) { node(id: $id) { id ... on DataSource { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DatasetsCreate($input: CreateDatasetInput!) { createDataset(input: $input) { id name version dataSource { id name } owner { id } } }"): (typeof documents)["mutation DatasetsCreate($input: CreateDatasetInput!) { createDataset(input: $input) { id name version dataSource { id name } owner { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DatasetsUpdate($input: UpdateDatasetInput!) { updateDataset(input: $input) { id name version calculations { name expression } } }"): (typeof documents)["mutation DatasetsUpdate($input: UpdateDatasetInput!) { updateDataset(input: $input) { id name version calculations { name expression } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DatasetsDelete($id: ID!) { deleteDataset(id: $id) }"): (typeof documents)["mutation DatasetsDelete($id: ID!) { deleteDataset(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DatasetsShare($input: ShareInput!) { share(input: $input) { granteeType } }"): (typeof documents)["mutation DatasetsShare($input: ShareInput!) { share(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetsRead($id: ID!) {\n    dataset(id: $id) {\n      id name version createdAt updatedAt dataSource { id name } owner { id name }\n      models { name table fields { name type column } }\n      relationships { from to }\n      calculations { name expression }\n      shares { granteeType user { id } }\n      viewerCan { explore manage seeDefinition }\n    }\n  }\n"): (typeof documents)["\n  query DatasetsRead($id: ID!) {\n    dataset(id: $id) {\n      id name version createdAt updatedAt dataSource { id name } owner { id name }\n      models { name table fields { name type column } }\n      relationships { from to }\n      calculations { name expression }\n      shares { granteeType user { id } }\n      viewerCan { explore manage seeDefinition }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetsList($first: Int, $after: String) {\n    datasets(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query DatasetsList($first: Int, $after: String) {\n    datasets(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DatasetsListForCount { datasets(first: 50) { edges { node { name owner { name } viewerCan { explore } } } } }"): (typeof documents)["query DatasetsListForCount { datasets(first: 50) { edges { node { name owner { name } viewerCan { explore } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DatasetsNode($id: ID!) { node(id: $id) { id ... on Dataset { name } } }"): (typeof documents)["query DatasetsNode($id: ID!) { node(id: $id) { id ... on Dataset { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUserDelete($input: DeleteUserInput!) {\n    deleteUser(input: $input) {\n      deletedUserId\n      transferredTo { id }\n      moved { folders personalFolders dashboards personalDashboards widgets datasets dataSources shareableLinks }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteUserDelete($input: DeleteUserInput!) {\n    deleteUser(input: $input) {\n      deletedUserId\n      transferredTo { id }\n      moved { folders personalFolders dashboards personalDashboards widgets datasets dataSources shareableLinks }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeleteUserViewer { viewer { user { id } } }"): (typeof documents)["query DeleteUserViewer { viewer { user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DemoRlpLogin($input: LoginInput!) { login(input: $input) { token user { id email } } }"): (typeof documents)["mutation DemoRlpLogin($input: LoginInput!) { login(input: $input) { token user { id email } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DemoRlpDatasets { datasets(first: 50) { edges { node { id name } } } }"): (typeof documents)["query DemoRlpDatasets { datasets(first: 50) { edges { node { id name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoRlpRevenue($id: ID!) {\n    dataset(id: $id) {\n      query(input: { dimensions: [\"countries.name\"], measures: [{ field: \"orders.amount\", aggregation: SUM }] }) { rows missingAttributes }\n    }\n  }\n"): (typeof documents)["\n  query DemoRlpRevenue($id: ID!) {\n    dataset(id: $id) {\n      query(input: { dimensions: [\"countries.name\"], measures: [{ field: \"orders.amount\", aggregation: SUM }] }) { rows missingAttributes }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DemoRlpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation DemoRlpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DemoRlpDashboards { dashboards(first: 20) { edges { node { id title } } } }"): (typeof documents)["query DemoRlpDashboards { dashboards(first: 20) { edges { node { id title } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DemoRlpEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { kid audience } secret } }"): (typeof documents)["mutation DemoRlpEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { kid audience } secret } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoRlpBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n"): (typeof documents)["\n  query DemoRlpBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DigestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id digest { frequency localTime weekday } }\n  }\n"): (typeof documents)["\n  mutation DigestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id digest { frequency localTime weekday } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EkCreate($input: CreateEmbedKeyInput!) {\n    createEmbedKey(input: $input) { key { id kid name algorithm audience publicKeyJwk maxTokenLifetimeSeconds createdAt revokedAt } secret }\n  }\n"): (typeof documents)["\n  mutation EkCreate($input: CreateEmbedKeyInput!) {\n    createEmbedKey(input: $input) { key { id kid name algorithm audience publicKeyJwk maxTokenLifetimeSeconds createdAt revokedAt } secret }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EkRevoke($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }"): (typeof documents)["mutation EkRevoke($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EkList($first: Int, $after: String) {\n    embedKeys(first: $first, after: $after) { edges { node { id name algorithm audience revokedAt } } pageInfo { hasNextPage endCursor } }\n  }\n"): (typeof documents)["\n  query EkList($first: Int, $after: String) {\n    embedKeys(first: $first, after: $after) { edges { node { id name algorithm audience revokedAt } } pageInfo { hasNextPage endCursor } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EkNode($id: ID!) { node(id: $id) { id ... on EmbedKey { name algorithm } } }"): (typeof documents)["query EkNode($id: ID!) { node(id: $id) { id ... on EmbedKey { name algorithm } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbedTokensCreateKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id kid audience } secret } }\n"): (typeof documents)["\n  mutation EmbedTokensCreateKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id kid audience } secret } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EmbedTokensRevokeKey($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }"): (typeof documents)["mutation EmbedTokensRevokeKey($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensViewer { viewer { kind user { id } tenant { slug } } }"): (typeof documents)["query EmbedTokensViewer { viewer { kind user { id } tenant { slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EmbedTokensBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n"): (typeof documents)["\n  query EmbedTokensBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensBoardTitle($id: ID!) { dashboard(id: $id) { title } }"): (typeof documents)["query EmbedTokensBoardTitle($id: ID!) { dashboard(id: $id) { title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensDashboards { dashboards(first: 10) { edges { node { id } } } }"): (typeof documents)["query EmbedTokensDashboards { dashboards(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensDatasets { datasets(first: 10) { edges { node { id } } } }"): (typeof documents)["query EmbedTokensDatasets { datasets(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensUsers { users(first: 10) { edges { node { id } } } }"): (typeof documents)["query EmbedTokensUsers { users(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensNode($id: ID!) { node(id: $id) { id } }"): (typeof documents)["query EmbedTokensNode($id: ID!) { node(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensOwner($id: ID!) { dashboard(id: $id) { owner { id } } }"): (typeof documents)["query EmbedTokensOwner($id: ID!) { dashboard(id: $id) { owner { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }"): (typeof documents)["query EmbedTokensWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }"): (typeof documents)["query EmbedTokensSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EmbedTokensCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }"): (typeof documents)["mutation EmbedTokensCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbedTokensDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }"): (typeof documents)["query EmbedTokensDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query EmbedTokensAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  "): (typeof documents)["\n    query EmbedTokensAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkloadExport($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url }\n  }\n"): (typeof documents)["\n  mutation WorkloadExport($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkloadExportExplore($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"rows.id\"], limit: 5 }) { rowCount } } }\n"): (typeof documents)["\n  query WorkloadExportExplore($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"rows.id\"], limit: 5 }) { rowCount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportDatasetRun($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url expiresAt }\n  }\n"): (typeof documents)["\n  mutation ExportDatasetRun($input: ExportDatasetQueryInput!) {\n    exportDatasetQuery(input: $input) { url expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportWidgetRun($input: ExportWidgetInput!) {\n    exportWidget(input: $input) { url expiresAt }\n  }\n"): (typeof documents)["\n  mutation ExportWidgetRun($input: ExportWidgetInput!) {\n    exportWidget(input: $input) { url expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportReferenceRows($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name } rows } }\n  }\n"): (typeof documents)["\n  query ExportReferenceRows($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name } rows } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportReferenceWidget($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { id data(filters: $filters) { columns { name } rows } } }\n  }\n"): (typeof documents)["\n  query ExportReferenceWidget($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) { widgets { id data(filters: $filters) { columns { name } rows } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PermQueryAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id permissions }\n  }\n"): (typeof documents)["\n  mutation PermQueryAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id permissions }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PermQueryUpdateFilter($input: UpdateDashboardFilterInput!) {\n    updateDashboardFilter(input: $input) { id permissions }\n  }\n"): (typeof documents)["\n  mutation PermQueryUpdateFilter($input: UpdateDashboardFilterInput!) {\n    updateDashboardFilter(input: $input) { id permissions }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PermQueryLoad($id: ID!) {\n    dashboard(id: $id) {\n      widgets { data { rows } }\n      filters { id options permissionNotices { line message } }\n    }\n  }\n"): (typeof documents)["\n  query PermQueryLoad($id: ID!) {\n    dashboard(id: $id) {\n      widgets { data { rows } }\n      filters { id options permissionNotices { line message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FilterPermAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id type field permissions }\n  }\n"): (typeof documents)["\n  mutation FilterPermAddFilter($input: AddDashboardFilterInput!) {\n    addDashboardFilter(input: $input) { id type field permissions }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FilterPermFilters($id: ID!) { dashboard(id: $id) { filters { id type field permissions } } }"): (typeof documents)["query FilterPermFilters($id: ID!) { dashboard(id: $id) { filters { id type field permissions } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FpDashboard($id: ID!) { dashboard(id: $id) { id folderPath { id name } } }"): (typeof documents)["query FpDashboard($id: ID!) { dashboard(id: $id) { id folderPath { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FpFolder($id: ID!) { folder(id: $id) { id path { id name } } }"): (typeof documents)["query FpFolder($id: ID!) { folder(id: $id) { id path { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FpList { dashboards(first: 100) { edges { node { id folderPath { name } } } } }"): (typeof documents)["query FpList { dashboards(first: 100) { edges { node { id folderPath { name } } } } }"];
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
export function graphql(source: "mutation IvImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation IvImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IvDatasetQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { id query(input: $input) { rows } } }\n"): (typeof documents)["\n  query IvDatasetQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { id query(input: $input) { rows } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IvDashboard($id: ID!) { dashboard(id: $id) { id widgets { id data { rows } } } }\n"): (typeof documents)["\n  query IvDashboard($id: ID!) { dashboard(id: $id) { id widgets { id data { rows } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IvFolder($id: ID!) { folder(id: $id) { id } }"): (typeof documents)["query IvFolder($id: ID!) { folder(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IvNode($id: ID!) { node(id: $id) { id } }"): (typeof documents)["query IvNode($id: ID!) { node(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IvLists {\n    datasets(first: 100) { edges { node { id } } }\n    dashboards(first: 100) { edges { node { id } } }\n    folders(first: 100) { edges { node { id } } }\n  }\n"): (typeof documents)["\n  query IvLists {\n    datasets(first: 100) { edges { node { id } } }\n    dashboards(first: 100) { edges { node { id } } }\n    folders(first: 100) { edges { node { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IvListsFull {\n    datasets(first: 100) { edges { node { id viewerCan { explore manage seeDefinition } } } }\n    dashboards(first: 100) { edges { node { id folderPath { name } viewerCan { edit share export } } } }\n  }\n"): (typeof documents)["\n  query IvListsFull {\n    datasets(first: 100) { edges { node { id viewerCan { explore manage seeDefinition } } } }\n    dashboards(first: 100) { edges { node { id folderPath { name } viewerCan { edit share export } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IvRename($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title } }"): (typeof documents)["mutation IvRename($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IvDatasetCan($id: ID!) { dataset(id: $id) { viewerCan { explore } } }"): (typeof documents)["query IvDatasetCan($id: ID!) { dataset(id: $id) { viewerCan { explore } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation ImpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImpStop { stopImpersonating }"): (typeof documents)["mutation ImpStop { stopImpersonating }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImpViewer { viewer { kind user { id role email } impersonator { id name } } }\n"): (typeof documents)["\n  query ImpViewer { viewer { kind user { id role email } impersonator { id name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImpUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }\n"): (typeof documents)["\n  mutation ImpUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImpDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation ImpDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImpAudit($resourceId: ID) {\n    auditEvents(first: 20, resourceId: $resourceId) { edges { node { action actor { id } impersonator { id } summary } } }\n  }\n"): (typeof documents)["\n  query ImpAudit($resourceId: ID) {\n    auditEvents(first: 20, resourceId: $resourceId) { edges { node { action actor { id } impersonator { id } summary } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InjectionRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { rows sql sqlParameters missingAttributes } }\n  }\n"): (typeof documents)["\n  query InjectionRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { rows sql sqlParameters missingAttributes } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InjectionCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"): (typeof documents)["mutation InjectionCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InjectionCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"): (typeof documents)["mutation InjectionCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InjectionSetAttributeValue($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { mode effective { values } }\n  }\n"): (typeof documents)["\n  mutation InjectionSetAttributeValue($input: SetUserAttributeValueInput!) {\n    setUserAttributeValue(input: $input) { mode effective { values } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n      skipped { email index reason message }\n    }\n  }\n"): (typeof documents)["\n  mutation InvitationsInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) {\n      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }\n      skipped { email index reason message }\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation InvitationsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { invitationExpiryDays seatLimit } }\n"): (typeof documents)["\n  mutation InvitationsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { invitationExpiryDays seatLimit } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvitationsReadSettings { tenantSettings { invitationExpiryDays seatLimit } viewer { tenant { settings { invitationExpiryDays } } } }"): (typeof documents)["query InvitationsReadSettings { tenantSettings { invitationExpiryDays seatLimit } viewer { tenant { settings { invitationExpiryDays } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DemoteAdmin($input: UpdateUserInput!) { updateUser(input: $input) { id role } }"): (typeof documents)["mutation DemoteAdmin($input: UpdateUserInput!) { updateUser(input: $input) { id role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeactivateAdmin($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation DeactivateAdmin($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteAdmin($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }"): (typeof documents)["mutation DeleteAdmin($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MailDeliveryInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) { invitations { token user { id email } } }\n  }\n"): (typeof documents)["\n  mutation MailDeliveryInvite($input: InviteUsersInput!) {\n    inviteUsers(input: $input) { invitations { token user { id email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MalformedFolders($parentId: ID) { folders(parentId: $parentId) { edges { node { id } } } }"): (typeof documents)["query MalformedFolders($parentId: ID) { folders(parentId: $parentId) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MalformedCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }"): (typeof documents)["mutation MalformedCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MalformedMoveDashboard($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }"): (typeof documents)["mutation MalformedMoveDashboard($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MalformedAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }"): (typeof documents)["mutation MalformedAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MalformedShare($input: ShareInput!) { share(input: $input) { __typename } }"): (typeof documents)["mutation MalformedShare($input: ShareInput!) { share(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MalformedAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }"): (typeof documents)["mutation MalformedAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MalformedGrant($input: UpdateUserInput!) { updateUser(input: $input) { id } }"): (typeof documents)["mutation MalformedGrant($input: UpdateUserInput!) { updateUser(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixViewDashboard($id: ID!) { dashboard(id: $id) { id } }"): (typeof documents)["query MatrixViewDashboard($id: ID!) { dashboard(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixViewFolder($id: ID!) { folder(id: $id) { id } }"): (typeof documents)["query MatrixViewFolder($id: ID!) { folder(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixUpdateDashboard($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }\n"): (typeof documents)["\n  mutation MatrixUpdateDashboard($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixLock($id: ID!) { lockDashboard(id: $id) { id locked } }"): (typeof documents)["mutation MatrixLock($id: ID!) { lockDashboard(id: $id) { id locked } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixShare($input: ShareInput!) { share(input: $input) { granteeType } }"): (typeof documents)["mutation MatrixShare($input: ShareInput!) { share(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }\n"): (typeof documents)["\n  mutation MatrixCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }"): (typeof documents)["mutation MatrixMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }"): (typeof documents)["mutation MatrixCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixRenameFolder($input: RenameFolderInput!) { renameFolder(input: $input) { id } }"): (typeof documents)["mutation MatrixRenameFolder($input: RenameFolderInput!) { renameFolder(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }"): (typeof documents)["mutation MatrixCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixCreateDataSource($input: CreateDataSourceInput!) { createDataSource(input: $input) { id } }\n"): (typeof documents)["\n  mutation MatrixCreateDataSource($input: CreateDataSourceInput!) { createDataSource(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixViewDataSource($id: ID!) { dataSource(id: $id) { id } }"): (typeof documents)["query MatrixViewDataSource($id: ID!) { dataSource(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixViewDataset($id: ID!) { dataset(id: $id) { id } }"): (typeof documents)["query MatrixViewDataset($id: ID!) { dataset(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixDatasetDefinition($id: ID!) { dataset(id: $id) { relationships { from } } }"): (typeof documents)["query MatrixDatasetDefinition($id: ID!) { dataset(id: $id) { relationships { from } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixUpdateDataset($input: UpdateDatasetInput!) { updateDataset(input: $input) { id } }"): (typeof documents)["mutation MatrixUpdateDataset($input: UpdateDatasetInput!) { updateDataset(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation MatrixImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixAudit { auditEvents(first: 1) { edges { node { id } } } }"): (typeof documents)["query MatrixAudit { auditEvents(first: 1) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixWidgetData($id: ID!) { dashboard(id: $id) { widgets { data { rowCount } } } }"): (typeof documents)["query MatrixWidgetData($id: ID!) { dashboard(id: $id) { widgets { data { rowCount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }"): (typeof documents)["mutation MatrixAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixCreateShareableLink($input: CreateShareableLinkInput!) { createShareableLink(input: $input) { link { id } } }\n"): (typeof documents)["\n  mutation MatrixCreateShareableLink($input: CreateShareableLinkInput!) { createShareableLink(input: $input) { link { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixCreateEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id } } }"): (typeof documents)["mutation MatrixCreateEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }"): (typeof documents)["mutation MatrixUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }"): (typeof documents)["mutation MatrixExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }\n"): (typeof documents)["\n  query CacheRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CacheCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"): (typeof documents)["mutation CacheCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CacheCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"): (typeof documents)["mutation CacheCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CacheSetUserValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }"): (typeof documents)["mutation CacheSetUserValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CacheSetRules($input: SetDatasetPermissionRulesInput!) { setDatasetPermissionRules(input: $input) { id } }\n"): (typeof documents)["\n  mutation CacheSetRules($input: SetDatasetPermissionRulesInput!) { setDatasetPermissionRules(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NoticeWhoAmI { viewer { kind tenant { slug } } }"): (typeof documents)["query NoticeWhoAmI { viewer { kind tenant { slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }"): (typeof documents)["mutation NpRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpReset($input: ResetPasswordInput!) { resetPassword(input: $input) }"): (typeof documents)["mutation NpReset($input: ResetPasswordInput!) { resetPassword(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation NpLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"): (typeof documents)["mutation NpCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpEnroll { enrollTwoFactor { secret otpauthUri } }"): (typeof documents)["mutation NpEnroll { enrollTwoFactor { secret otpauthUri } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }"): (typeof documents)["mutation NpConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NpViewer { viewer { kind } }"): (typeof documents)["query NpViewer { viewer { kind } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token } } }"): (typeof documents)["mutation NpInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NpImport($input: ImportUsersInput!) { importUsers(input: $input) { invitations { token } } }"): (typeof documents)["mutation NpImport($input: ImportUsersInput!) { importUsers(input: $input) { invitations { token } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ObsViewer { viewer { kind } }"): (typeof documents)["query ObsViewer { viewer { kind } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ObsUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }"): (typeof documents)["query ObsUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ObsMissingUser($id: ID!) { user(id: $id) { id } }"): (typeof documents)["query ObsMissingUser($id: ID!) { user(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ObsLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation ObsLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ObsWidgets($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }"): (typeof documents)["query ObsWidgets($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OvCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }"): (typeof documents)["mutation OvCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OvAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }"): (typeof documents)["mutation OvAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OvUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }"): (typeof documents)["mutation OvUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OvSetOverrides($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id role datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n"): (typeof documents)["\n  mutation OvSetOverrides($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id role datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OvReadOverrides($id: ID!) {\n    user(id: $id) {\n      id name datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n"): (typeof documents)["\n  query OvReadOverrides($id: ID!) {\n    user(id: $id) {\n      id name datasetAccessMode\n      datasetAccess { dataset { id name } level }\n      featurePermissions { feature state }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PrRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }"): (typeof documents)["mutation PrRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PrReset($input: ResetPasswordInput!) { resetPassword(input: $input) }"): (typeof documents)["mutation PrReset($input: ResetPasswordInput!) { resetPassword(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PrSend($userId: ID!) { sendPasswordReset(userId: $userId) }"): (typeof documents)["mutation PrSend($userId: ID!) { sendPasswordReset(userId: $userId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PrLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation PrLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PrViewer { viewer { kind } }"): (typeof documents)["query PrViewer { viewer { kind } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LifecycleViewer { viewer { user { id status } } }"): (typeof documents)["query LifecycleViewer { viewer { user { id status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LifecycleDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation LifecycleDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LifecycleRestore($id: ID!) { restoreUser(id: $id) { id status } }"): (typeof documents)["mutation LifecycleRestore($id: ID!) { restoreUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LifecycleLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation LifecycleLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LifecycleImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation LifecycleImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name type } rows rowCount truncated sql sqlParameters missingAttributes } }\n  }\n"): (typeof documents)["\n  query QueryRun($id: ID!, $input: DatasetQueryInput!) {\n    dataset(id: $id) { query(input: $input) { columns { name type } rows rowCount truncated sql sqlParameters missingAttributes } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation QueryCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"): (typeof documents)["mutation QueryCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation QueryUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id } }"): (typeof documents)["mutation QueryUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RlpRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows missingAttributes } } }"): (typeof documents)["query RlpRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows missingAttributes } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RlpCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"): (typeof documents)["mutation RlpCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RlpCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"): (typeof documents)["mutation RlpCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RlpSetUserAttributeValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }"): (typeof documents)["mutation RlpSetUserAttributeValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RlpSetGroupAttributeValue($input: SetGroupAttributeValueInput!) { setGroupAttributeValue(input: $input) { all values } }"): (typeof documents)["mutation RlpSetGroupAttributeValue($input: SetGroupAttributeValueInput!) { setGroupAttributeValue(input: $input) { all values } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RlpSetRules($input: SetDatasetPermissionRulesInput!) {\n    setDatasetPermissionRules(input: $input) { id version permissionRules { field operator attribute values } }\n  }\n"): (typeof documents)["\n  mutation RlpSetRules($input: SetDatasetPermissionRulesInput!) {\n    setDatasetPermissionRules(input: $input) { id version permissionRules { field operator attribute values } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SeatsUsage { seatUsage { paid public limit } }"): (typeof documents)["query SeatsUsage { seatUsage { paid public limit } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SeatsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { seatLimit invitationExpiryDays } }"): (typeof documents)["mutation SeatsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { seatLimit invitationExpiryDays } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SeatsInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { user { id } } skipped { email reason } } }\n"): (typeof documents)["\n  mutation SeatsInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { user { id } } skipped { email reason } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SeatsDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation SeatsDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SeatsRestore($id: ID!) { restoreUser(id: $id) { id status } }"): (typeof documents)["mutation SeatsRestore($id: ID!) { restoreUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InstancesDashboard($id: ID!) { dashboard(id: $id) { title } }"): (typeof documents)["query InstancesDashboard($id: ID!) { dashboard(id: $id) { title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InstancesUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }"): (typeof documents)["mutation InstancesUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InstancesAudit { auditEvents(first: 1) { edges { node { id } } } }"): (typeof documents)["query InstancesAudit { auditEvents(first: 1) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InstancesUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }"): (typeof documents)["mutation InstancesUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InstancesDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"): (typeof documents)["mutation InstancesDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InstancesWhoAmI { viewer { kind } }"): (typeof documents)["query InstancesWhoAmI { viewer { kind } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstancesExplore($id: ID!, $limit: Int) { dataset(id: $id) { query(input: { dimensions: [\"orders.country\"], limit: $limit }) { rowCount } } }\n"): (typeof documents)["\n  query InstancesExplore($id: ID!, $limit: Int) { dataset(id: $id) { query(input: { dimensions: [\"orders.country\"], limit: $limit }) { rowCount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShareLinksCreate($input: CreateShareableLinkInput!) {\n    createShareableLink(input: $input) {\n      link { id hasPassword expiresAt allowExport rowRestrictions { field values } userAttributes { attribute values } createdBy { id } }\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation ShareLinksCreate($input: CreateShareableLinkInput!) {\n    createShareableLink(input: $input) {\n      link { id hasPassword expiresAt allowExport rowRestrictions { field values } userAttributes { attribute values } createdBy { id } }\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShareLinksOpen($input: OpenShareableLinkInput!) { openShareableLink(input: $input) { token expiresAt } }"): (typeof documents)["mutation ShareLinksOpen($input: OpenShareableLinkInput!) { openShareableLink(input: $input) { token expiresAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShareLinksRevoke($id: ID!) { revokeShareableLink(id: $id) { id revokedAt } }"): (typeof documents)["mutation ShareLinksRevoke($id: ID!) { revokeShareableLink(id: $id) { id revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShareLinksList($dashboardId: ID!) {\n    shareableLinks(dashboardId: $dashboardId, first: 50) {\n      edges { node { id createdAt expiresAt revokedAt hasPassword rowRestrictions { field values } userAttributes { attribute values } createdBy { id } } }\n    }\n  }\n"): (typeof documents)["\n  query ShareLinksList($dashboardId: ID!) {\n    shareableLinks(dashboardId: $dashboardId, first: 50) {\n      edges { node { id createdAt expiresAt revokedAt hasPassword rowRestrictions { field values } userAttributes { attribute values } createdBy { id } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksViewer { viewer { kind user { id } tenant { slug } } }"): (typeof documents)["query ShareLinksViewer { viewer { kind user { id } tenant { slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShareLinksBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n"): (typeof documents)["\n  query ShareLinksBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id label options }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksBoardTitle($id: ID!) { dashboard(id: $id) { title } }"): (typeof documents)["query ShareLinksBoardTitle($id: ID!) { dashboard(id: $id) { title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShareLinksDeleteBoard($id: ID!) { deleteDashboard(id: $id) }"): (typeof documents)["mutation ShareLinksDeleteBoard($id: ID!) { deleteDashboard(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksNode($id: ID!) { node(id: $id) { id ... on ShareableLink { hasPassword } } }"): (typeof documents)["query ShareLinksNode($id: ID!) { node(id: $id) { id ... on ShareableLink { hasPassword } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksDashboards { dashboards(first: 10) { edges { node { id } } } }"): (typeof documents)["query ShareLinksDashboards { dashboards(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksDatasets { datasets(first: 10) { edges { node { id } } } }"): (typeof documents)["query ShareLinksDatasets { datasets(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksUsers { users(first: 10) { edges { node { id } } } }"): (typeof documents)["query ShareLinksUsers { users(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksOwner($id: ID!) { dashboard(id: $id) { owner { id } } }"): (typeof documents)["query ShareLinksOwner($id: ID!) { dashboard(id: $id) { owner { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }"): (typeof documents)["query ShareLinksWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }"): (typeof documents)["query ShareLinksSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShareLinksCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }"): (typeof documents)["mutation ShareLinksCreateDashboard { createDashboard(input: { title: \"x\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }"): (typeof documents)["query ShareLinksDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: [\"sales.country\"] }) { rows } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ShareLinksAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  "): (typeof documents)["\n    query ShareLinksAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShareLinksExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }"): (typeof documents)["mutation ShareLinksExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShareLinksExportDataset($input: ExportDatasetQueryInput!) { exportDatasetQuery(input: $input) { url } }"): (typeof documents)["mutation ShareLinksExportDataset($input: ExportDatasetQueryInput!) { exportDatasetQuery(input: $input) { url } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShareLinksWidgetIds($id: ID!) { dashboard(id: $id) { widgets { id data { rows } } } }"): (typeof documents)["query ShareLinksWidgetIds($id: ID!) { dashboard(id: $id) { widgets { id data { rows } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ThrottledLogin($input: LoginInput!) {\n    login(input: $input) { token }\n  }\n"): (typeof documents)["\n  mutation ThrottledLogin($input: LoginInput!) {\n    login(input: $input) { token }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }"): (typeof documents)["query TrUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }"): (typeof documents)["query TrQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TfLogin($input: LoginInput!) { login(input: $input) { token twoFactorEnrollmentRequired user { id twoFactorEnabled } } }\n"): (typeof documents)["\n  mutation TfLogin($input: LoginInput!) { login(input: $input) { token twoFactorEnrollmentRequired user { id twoFactorEnabled } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TfEnroll { enrollTwoFactor { secret otpauthUri } }"): (typeof documents)["mutation TfEnroll { enrollTwoFactor { secret otpauthUri } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TfConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }"): (typeof documents)["mutation TfConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TfReset($userId: ID!) { resetTwoFactor(userId: $userId) { id twoFactorEnabled } }"): (typeof documents)["mutation TfReset($userId: ID!) { resetTwoFactor(userId: $userId) { id twoFactorEnabled } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TfSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { requireTwoFactor } }\n"): (typeof documents)["\n  mutation TfSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { requireTwoFactor } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TfReadSettings { tenantSettings { requireTwoFactor } }"): (typeof documents)["query TfReadSettings { tenantSettings { requireTwoFactor } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TfViewer { viewer { kind enrollmentOnly user { id email twoFactorEnabled } tenant { slug } } }"): (typeof documents)["query TfViewer { viewer { kind enrollmentOnly user { id email twoFactorEnabled } tenant { slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TfUser($id: ID!) { user(id: $id) { id twoFactorEnabled } }"): (typeof documents)["query TfUser($id: ID!) { user(id: $id) { id twoFactorEnabled } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TfUsers { users(first: 5) { edges { node { id } } } }"): (typeof documents)["query TfUsers { users(first: 5) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TfLogout { logout }"): (typeof documents)["mutation TfLogout { logout }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TfCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"): (typeof documents)["mutation TfCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TfImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation TfImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMeSelf($input: UpdateMeInput!) {\n    updateMe(input: $input) { id name timezone role status digest { frequency localTime weekday } }\n  }\n"): (typeof documents)["\n  mutation UpdateMeSelf($input: UpdateMeInput!) {\n    updateMe(input: $input) { id name timezone role status digest { frequency localTime weekday } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UpdateMeViewer { viewer { user { id name } } }"): (typeof documents)["query UpdateMeViewer { viewer { user { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeLogin($input: LoginInput!) { login(input: $input) { token } }"): (typeof documents)["mutation UpdateMeLogin($input: LoginInput!) { login(input: $input) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"): (typeof documents)["mutation UpdateMeImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }"): (typeof documents)["mutation UpdateMeUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"): (typeof documents)["mutation UpdateMeCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeSetAttribute($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { __typename } }"): (typeof documents)["mutation UpdateMeSetAttribute($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }"): (typeof documents)["mutation UpdateMeAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMeDeactivate($id: ID!) { deactivateUser(id: $id) { id } }"): (typeof documents)["mutation UpdateMeDeactivate($id: ID!) { deactivateUser(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CsvUsers($search: String, $status: UserStatus, $role: Role, $groupId: ID, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, groupId: $groupId, first: $first, after: $after) {\n      edges { node { id name email role status twoFactorEnabled lastActiveAt groups { name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query CsvUsers($search: String, $status: UserStatus, $role: Role, $groupId: ID, $first: Int, $after: String) {\n    users(search: $search, status: $status, role: $role, groupId: $groupId, first: $first, after: $after) {\n      edges { node { id name email role status twoFactorEnabled lastActiveAt groups { name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CsvExportUsers($input: ExportUsersInput!) {\n    exportUsers(input: $input) { url expiresAt }\n  }\n"): (typeof documents)["\n  mutation CsvExportUsers($input: ExportUsersInput!) {\n    exportUsers(input: $input) { url expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CsvImportUsers($input: ImportUsersInput!) {\n    importUsers(input: $input) {\n      invited\n      errors { line field message }\n      invitations { user { id email } token }\n    }\n  }\n"): (typeof documents)["\n  mutation CsvImportUsers($input: ImportUsersInput!) {\n    importUsers(input: $input) {\n      invited\n      errors { line field message }\n      invitations { user { id email } token }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CsvAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { status } } }"): (typeof documents)["mutation CsvAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { status } } }"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetFanOut {\n    dashboards(first: 100) { edges { node { widgets { data { rowCount } } } } }\n  }\n"): (typeof documents)["\n  query BudgetFanOut {\n    dashboards(first: 100) { edges { node { widgets { data { rowCount } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetDashboardData($id: ID!) {\n    dashboard(id: $id) { __typename widgets { __typename data { __typename rowCount } } }\n  }\n"): (typeof documents)["\n  query BudgetDashboardData($id: ID!) {\n    dashboard(id: $id) { __typename widgets { __typename data { __typename rowCount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetBigQueries($id: ID!) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q7: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q8: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q9: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q10: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q11: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q12: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q13: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q14: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q15: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q16: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q17: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q18: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q19: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q20: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n    }\n  }\n"): (typeof documents)["\n  query BudgetBigQueries($id: ID!) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q7: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q8: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q9: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q10: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q11: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q12: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q13: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q14: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q15: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q16: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q17: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q18: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q19: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n      q20: query(input: { dimensions: [\"sales.country\"], limit: 10000 }) { rowCount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetOneBigQuery($id: ID!, $limit: Int) {\n    dataset(id: $id) { query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount } }\n  }\n"): (typeof documents)["\n  query BudgetOneBigQuery($id: ID!, $limit: Int) {\n    dataset(id: $id) { query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetSixQueries($id: ID!, $limit: Int) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.id\"], limit: $limit }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\", \"sales.id\"], limit: $limit }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: SUM }], limit: $limit }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.id\", \"sales.country\"], limit: $limit }) { rowCount }\n    }\n  }\n"): (typeof documents)["\n  query BudgetSixQueries($id: ID!, $limit: Int) {\n    dataset(id: $id) {\n      q1: query(input: { dimensions: [\"sales.country\"], limit: $limit }) { rowCount }\n      q2: query(input: { dimensions: [\"sales.id\"], limit: $limit }) { rowCount }\n      q3: query(input: { dimensions: [\"sales.country\", \"sales.id\"], limit: $limit }) { rowCount }\n      q4: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n      q5: query(input: { dimensions: [\"sales.country\"], measures: [{ field: \"sales.id\", aggregation: SUM }], limit: $limit }) { rowCount }\n      q6: query(input: { dimensions: [\"sales.id\", \"sales.country\"], limit: $limit }) { rowCount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BudgetCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }\n"): (typeof documents)["\n  mutation BudgetCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BudgetAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n"): (typeof documents)["\n  mutation BudgetAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BudgetAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }\n"): (typeof documents)["\n  mutation BudgetAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WarehouseRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }"): (typeof documents)["query WarehouseRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WarehouseCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"): (typeof documents)["mutation WarehouseCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WarehouseUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id schemas port } }"): (typeof documents)["mutation WarehouseUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id schemas port } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WarehouseWidgetRows($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }"): (typeof documents)["query WarehouseWidgetRows($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkloadWidget($id: ID!) { dashboard(id: $id) { widgets { title data { rows } } } }"): (typeof documents)["query WorkloadWidget($id: ID!) { dashboard(id: $id) { widgets { title data { rows } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkloadExplore($id: ID!, $limit: Int) { dataset(id: $id) {\n      query(input: { dimensions: [\"orders.country\"], measures: [{ field: \"orders.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n    }\n  }\n"): (typeof documents)["\n  query WorkloadExplore($id: ID!, $limit: Int) { dataset(id: $id) {\n      query(input: { dimensions: [\"orders.country\"], measures: [{ field: \"orders.id\", aggregation: COUNT }], limit: $limit }) { rowCount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkloadAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n"): (typeof documents)["\n  mutation WorkloadAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkloadFilterOptions($id: ID!) { dashboard(id: $id) { filters { options } } }"): (typeof documents)["query WorkloadFilterOptions($id: ID!) { dashboard(id: $id) { filters { options } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WidgetDataRun($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id options }\n    }\n  }\n"): (typeof documents)["\n  query WidgetDataRun($id: ID!, $filters: [DashboardFilterValueInput!]) {\n    dashboard(id: $id) {\n      title\n      widgets { title data(filters: $filters) { rows missingAttributes } }\n      filters { id options }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WuAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title query } }"): (typeof documents)["mutation WuAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title query } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WuUpdateWidget($input: UpdateWidgetInput!) { updateWidget(input: $input) { id title query } }"): (typeof documents)["mutation WuUpdateWidget($input: UpdateWidgetInput!) { updateWidget(input: $input) { id title query } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WuWidgets($id: ID!) { dashboard(id: $id) { widgets { id title query } } }"): (typeof documents)["query WuWidgets($id: ID!) { dashboard(id: $id) { widgets { id title query } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;