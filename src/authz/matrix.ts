import type { Role } from './vocabulary.ts';

/**
 * PRODUCT.md §3, row for row, as data. Each cell lists alternatives; an alternative is a list
 * of conditions that must all hold. `ALWAYS` is one empty alternative, `NEVER` none at all.
 * Tests are generated from this table (test/api/matrix.test.ts), and `policy.ts` evaluates it.
 */
export const CONDITIONS = [
  /** shared with the viewer: directly, through a group, All users, or an ancestor folder */
  'shared',
  'owner',
  /** the dataset's data source (or the data source itself) is shared with the viewer */
  'dataSourceShared',
  /** the dataset is shared with the viewer */
  'datasetShared',
  /** the resource is in the team workspace */
  'teamWorkspace',
  /** the resource is in the viewer's own personal workspace */
  'ownPersonalWorkspace',
  /** the viewer's `allowExportData` flag */
  'allowExportData',
  /** impersonation target is an EXPLORER or VIEWER */
  'targetBelowAnalyst',
  /** impersonation target is not an ADMIN */
  'targetNotAdmin',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export type Grant = readonly (readonly Condition[])[];
export const ALWAYS: Grant = [[]];
export const NEVER: Grant = [];
const anyOf = (...conditions: Condition[]): Grant => conditions.map((c) => [c]);

type Row = Readonly<Record<Role, Grant>>;
const adminOnly: Row = { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: NEVER, ADMIN: ALWAYS };
const analystUp: Row = { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: ALWAYS, ADMIN: ALWAYS };
const viewable = anyOf('shared', 'ownPersonalWorkspace', 'owner');

export const MATRIX = {
  'dataSource.manage': adminOnly,
  'dataSource.use': { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: anyOf('dataSourceShared'), ADMIN: ALWAYS },
  'dataset.explore': { VIEWER: NEVER, EXPLORER: anyOf('datasetShared'), ANALYST: anyOf('dataSourceShared', 'datasetShared'), ADMIN: ALWAYS },
  'dataset.manage': { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: anyOf('dataSourceShared'), ADMIN: ALWAYS },
  'dataset.seeDefinition': { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: anyOf('dataSourceShared', 'datasetShared'), ADMIN: ALWAYS },
  'folder.view': { VIEWER: viewable, EXPLORER: viewable, ANALYST: anyOf('teamWorkspace', 'shared', 'ownPersonalWorkspace', 'owner'), ADMIN: ALWAYS },
  'folder.manage': { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: anyOf('teamWorkspace', 'ownPersonalWorkspace'), ADMIN: ALWAYS },
  'dashboard.create': { VIEWER: NEVER, EXPLORER: anyOf('ownPersonalWorkspace'), ANALYST: anyOf('teamWorkspace', 'ownPersonalWorkspace'), ADMIN: ALWAYS },
  'dashboard.view': { VIEWER: viewable, EXPLORER: viewable, ANALYST: anyOf('teamWorkspace', 'shared', 'ownPersonalWorkspace', 'owner'), ADMIN: ALWAYS },
  'widget.viewData': { VIEWER: ALWAYS, EXPLORER: ALWAYS, ANALYST: anyOf('dataSourceShared', 'datasetShared'), ADMIN: ALWAYS },
  'dashboard.editInfo': { VIEWER: NEVER, EXPLORER: anyOf('owner'), ANALYST: ALWAYS, ADMIN: ALWAYS },
  'dashboard.lock': { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: anyOf('owner'), ADMIN: ALWAYS },
  'dashboard.editContent': { VIEWER: NEVER, EXPLORER: anyOf('owner'), ANALYST: anyOf('dataSourceShared', 'datasetShared'), ADMIN: ALWAYS },
  'dashboard.copyMove': { VIEWER: NEVER, EXPLORER: anyOf('ownPersonalWorkspace'), ANALYST: ALWAYS, ADMIN: ALWAYS },
  // The same cell as copy: moving changes the dashboard (a lock guards it), copying does not.
  'dashboard.move': { VIEWER: NEVER, EXPLORER: anyOf('ownPersonalWorkspace'), ANALYST: ALWAYS, ADMIN: ALWAYS },
  'widget.explore': { VIEWER: NEVER, EXPLORER: anyOf('datasetShared'), ANALYST: anyOf('dataSourceShared', 'datasetShared'), ADMIN: ALWAYS },
  'dashboard.share': { VIEWER: NEVER, EXPLORER: anyOf('owner'), ANALYST: ALWAYS, ADMIN: ALWAYS },
  'shareLink.manage': analystUp,
  'schedule.manage': analystUp,
  'alert.manage': analystUp,
  'embedKey.manage': adminOnly,
  'dashboard.settings': { VIEWER: NEVER, EXPLORER: anyOf('owner'), ANALYST: ALWAYS, ADMIN: ALWAYS },
  'data.export': { VIEWER: anyOf('allowExportData'), EXPLORER: anyOf('allowExportData'), ANALYST: ALWAYS, ADMIN: ALWAYS },
  'tenant.administer': adminOnly,
  'people.manage': adminOnly,
  impersonate: { VIEWER: NEVER, EXPLORER: NEVER, ANALYST: anyOf('targetBelowAnalyst'), ADMIN: anyOf('targetNotAdmin') },
  'personalWorkspace.others': adminOnly,
} as const satisfies Record<string, Row>;

export type Action = keyof typeof MATRIX;
export const ACTIONS = Object.keys(MATRIX) as Action[];

/** Actions that change a dashboard: refused on a locked dashboard unless owner or admin. */
export const LOCK_GUARDED: ReadonlySet<Action> = new Set(['dashboard.editInfo', 'dashboard.editContent', 'dashboard.settings', 'dashboard.move']);

/** What a per-user feature switch (PRODUCT.md §4) turns off or, as an analyst has it, on. */
export const FEATURE_ACTIONS = {
  DASHBOARDS: [
    'dashboard.create',
    'dashboard.editInfo',
    'dashboard.editContent',
    'dashboard.settings',
    'dashboard.copyMove',
    'dashboard.move',
    'dashboard.lock',
  ],
  DATASETS: ['dataset.manage'],
  SHARE_LINKS: ['shareLink.manage'],
  SCHEDULES: ['schedule.manage'],
  ALERTS: ['alert.manage'],
  API_TOKENS: [],
} as const satisfies Record<string, readonly Action[]>;

/** Actions subject to the user's dataset access mode (BLACKLIST / WHITELIST). */
export const DATASET_SCOPED: ReadonlySet<Action> = new Set([
  'dataset.explore',
  'dataset.manage',
  'dataset.seeDefinition',
  'widget.viewData',
  'widget.explore',
  'dashboard.editContent',
]);
