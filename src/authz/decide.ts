import type { DatasetAccessLevel, DatasetAccessMode, Feature, Role, Workspace } from './vocabulary.ts';
import { DATASET_SCOPED, FEATURE_ACTIONS, LOCK_GUARDED, MATRIX, type Action, type Condition } from './matrix.ts';

/** The person a decision is about, with their per-user overrides (PRODUCT.md §4). */
export interface Subject {
  userId: string;
  role: Role;
  allowExportData: boolean;
  features: Partial<Record<Feature, 'ENABLED' | 'DISABLED'>>;
  datasetAccessMode: DatasetAccessMode;
  /** The datasets listed for BLACKLIST / WHITELIST, with their level. */
  datasetAccess: ReadonlyMap<string, DatasetAccessLevel>;
}

/** Plain facts about the resource an action touches; absent means false / not applicable. */
export interface Facts {
  shared?: boolean;
  owner?: boolean;
  dataSourceShared?: boolean;
  datasetShared?: boolean;
  workspace?: Workspace;
  workspaceOwnerId?: string | null;
  locked?: boolean;
  targetRole?: Role;
  /** The dataset the action reads or changes, for dataset access modes. */
  datasetId?: string;
  /**
   * While a non-admin impersonates: the same resource's facts for the impersonator as themselves
   * (their shares, their ownership), which decide whether they could see it (`canAs`). Absent,
   * the impersonator is taken to have no share of it and to own nothing.
   */
  impersonatorFacts?: Facts;
}

/** Facts of two resources an action touches together (a dashboard and a dataset), each person's side merged. */
export function mergeFacts(a: Facts, b: Facts): Facts {
  const merged: Facts = { ...a, ...b };
  if (a.impersonatorFacts || b.impersonatorFacts) merged.impersonatorFacts = { ...a.impersonatorFacts, ...b.impersonatorFacts };
  return merged;
}

const VIEW_ONLY: ReadonlySet<Action> = new Set(['dashboard.view', 'folder.view', 'widget.viewData', 'data.export']);

export function holds(condition: Condition, subject: Subject, facts: Facts): boolean {
  switch (condition) {
    case 'shared':
      return facts.shared === true;
    case 'owner':
      return facts.owner === true;
    case 'dataSourceShared':
      return facts.dataSourceShared === true;
    case 'datasetShared':
      return facts.datasetShared === true;
    case 'teamWorkspace':
      return facts.workspace === 'TEAM';
    case 'ownPersonalWorkspace':
      return facts.workspace === 'PERSONAL' && facts.workspaceOwnerId === subject.userId;
    case 'allowExportData':
      return subject.allowExportData;
    case 'targetBelowAnalyst':
      return facts.targetRole === 'EXPLORER' || facts.targetRole === 'VIEWER';
    case 'targetNotAdmin':
      return facts.targetRole !== undefined && facts.targetRole !== 'ADMIN';
  }
}

const FEATURE_OF: ReadonlyMap<Action, Feature> = new Map(
  (Object.entries(FEATURE_ACTIONS) as [Feature, readonly Action[]][]).flatMap(([feature, actions]) => actions.map((action) => [action, feature] as const)),
);
const featureOf = (action: Action): Feature | undefined => FEATURE_OF.get(action);

function rowAllows(role: Role, action: Action, subject: Subject, facts: Facts): boolean {
  return MATRIX[action][role].some((alternative) => alternative.every((c) => holds(c, subject, facts)));
}

/**
 * Whether `subject` may perform `action` on a resource described by `facts`: the matrix row,
 * then the rules that cut across it (personal workspaces, locks, per-user overrides). Pure.
 */
export function can(subject: Subject, action: Action, facts: Facts = {}): boolean {
  if (subject.role === 'ADMIN') return rowAllows('ADMIN', action, subject, facts);

  // Someone else's personal workspace: those it is shared with may only look.
  if (facts.workspace === 'PERSONAL' && facts.workspaceOwnerId !== subject.userId && !VIEW_ONLY.has(action)) return false;

  let readWrite = false;
  if (DATASET_SCOPED.has(action) && facts.datasetId !== undefined) {
    const listed = subject.datasetAccess.get(facts.datasetId);
    if (subject.datasetAccessMode === 'BLACKLIST' && listed) return false;
    if (subject.datasetAccessMode === 'WHITELIST' && !listed) return false;
    readWrite = listed === 'READ_WRITE' && (subject.role === 'EXPLORER' || subject.role === 'ANALYST');
  }

  let role = subject.role;
  const feature = featureOf(action);
  const state = feature ? subject.features[feature] : undefined;
  if (state === 'DISABLED') return false;
  if (state === 'ENABLED' && !rowAllows(role, action, subject, facts)) role = 'ANALYST';

  let allowed = rowAllows(role, action, subject, facts);
  if (!allowed && readWrite && action === 'dashboard.editContent') allowed = true;
  if (allowed && LOCK_GUARDED.has(action) && facts.locked && !facts.owner) return false;
  return allowed;
}
