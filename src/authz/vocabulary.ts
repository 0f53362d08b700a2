/**
 * The words permissions are decided in (PRODUCT.md §1–§4). They belong to authorization, not to
 * the tables that store them: entities, services and the schema import them from here.
 */

export const ROLES = ['ADMIN', 'ANALYST', 'EXPLORER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['PENDING', 'ACTIVE', 'DEACTIVATED', 'PUBLIC'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Per-user narrowing of dataset access; never applies to admins. */
export const DATASET_ACCESS_MODES = ['FULL', 'BLACKLIST', 'WHITELIST'] as const;
export type DatasetAccessMode = (typeof DATASET_ACCESS_MODES)[number];

export const DATASET_ACCESS_LEVELS = ['READ', 'READ_WRITE'] as const;
export type DatasetAccessLevel = (typeof DATASET_ACCESS_LEVELS)[number];

export const FEATURES = ['DASHBOARDS', 'DATASETS', 'SHARE_LINKS', 'SCHEDULES', 'ALERTS', 'API_TOKENS'] as const;
export type Feature = (typeof FEATURES)[number];

/** DEFAULT (the role decides) is the absence of a per-user setting. */
export const FEATURE_STATES = ['DEFAULT', 'ENABLED', 'DISABLED'] as const;
export type FeatureState = (typeof FEATURE_STATES)[number];

/** The team's shared workspace, or one user's personal workspace. */
export const WORKSPACES = ['TEAM', 'PERSONAL'] as const;
export type Workspace = (typeof WORKSPACES)[number];

/** VIEW on a folder, dashboard or dataset; USE on a data source. */
export const SHARE_RESOURCE_TYPES = ['FOLDER', 'DASHBOARD', 'DATASET', 'DATA_SOURCE'] as const;
export type ShareResourceType = (typeof SHARE_RESOURCE_TYPES)[number];

export const GRANTEE_TYPES = ['USER', 'GROUP', 'ALL_USERS'] as const;
export type GranteeType = (typeof GRANTEE_TYPES)[number];
