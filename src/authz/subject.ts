import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';
import type { DatasetAccessLevel, DatasetAccessMode, Feature, Role } from './vocabulary.ts';
import type { Subject } from './decide.ts';
import type { RequestMetadata } from '../cache/request-metadata.ts';

interface SubjectRow {
  id: string;
  allow_export_data: boolean;
  dataset_access_mode: DatasetAccessMode;
  features: { feature: Feature; state: 'ENABLED' | 'DISABLED' }[] | null;
  datasets: { dataset_id: string; level: DatasetAccessLevel }[] | null;
}

/**
 * The viewer's subject. While a non-admin impersonates, `impersonator` carries the impersonator's
 * role and overrides under the target's identity (so "owner" and "own personal workspace" mean the
 * person acted as); a decision must then hold for both (`canAs` in `policy.ts`). `impersonatorSelf`
 * is the impersonator as themselves (their own id), who must also be able to see whatever the
 * decision touches. An admin impersonator sees everything and acts with the target's permissions
 * alone, so both are absent.
 */
export interface ViewerSubject extends Subject {
  impersonator?: Subject | undefined;
  impersonatorSelf?: Subject | undefined;
}

function toSubject(userId: string, role: Role, row: SubjectRow | undefined): Subject {
  const admin = role === 'ADMIN';
  return {
    userId,
    role,
    allowExportData: admin || role === 'ANALYST' || (row?.allow_export_data ?? false),
    features: admin ? {} : Object.fromEntries((row?.features ?? []).map((f) => [f.feature, f.state])),
    datasetAccessMode: admin ? 'FULL' : (row?.dataset_access_mode ?? 'FULL'),
    datasetAccess: new Map(admin ? [] : (row?.datasets ?? []).map((d) => [d.dataset_id, d.level])),
  };
}

/**
 * The viewer with their per-user overrides (and, while a non-admin impersonates, the
 * impersonator's), read in one statement. Admins carry none.
 */
export async function loadSubject(em: EntityManager, viewer: Principal): Promise<ViewerSubject> {
  const intersect = viewer.impersonatorId !== undefined && viewer.impersonatorRole !== undefined && viewer.impersonatorRole !== 'ADMIN';
  const ids = intersect ? [viewer.userId, viewer.impersonatorId!] : [viewer.userId];
  const rows = await em.execute<SubjectRow[]>(
    `select u.id, u.allow_export_data, u.dataset_access_mode,
            (select json_agg(json_build_object('feature', f.feature, 'state', f.state))
               from user_feature_permissions f where f.user_id = u.id) as features,
            (select json_agg(json_build_object('dataset_id', a.dataset_id, 'level', a.level))
               from user_dataset_access a where a.user_id = u.id) as datasets
       from users u where u.id in (?) and u.tenant_id = ?`,
    [ids, viewer.tenantId],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const subject: ViewerSubject = toSubject(viewer.userId, viewer.role, byId.get(viewer.userId));
  if (intersect) {
    const row = byId.get(viewer.impersonatorId!);
    subject.impersonator = toSubject(viewer.userId, viewer.impersonatorRole!, row);
    subject.impersonatorSelf = toSubject(viewer.impersonatorId!, viewer.impersonatorRole!, row);
  }
  return subject;
}

/** A per-request memo of the viewer's subject, from the metadata cache when it may serve. */
export function subjectLoader(em: () => EntityManager, viewer: Principal | null, metadata: RequestMetadata) {
  let cached: Promise<ViewerSubject> | undefined;
  let settled: ViewerSubject | undefined;
  const load = () => {
    if (!viewer) throw new Error('no viewer');
    const key = `subject:${viewer.userId}:${viewer.role}:${viewer.impersonatorId ?? ''}:${viewer.impersonatorRole ?? ''}`;
    cached ??= metadata.read(key, () => loadSubject(em(), viewer)).then((subject) => (settled = subject));
    return cached;
  };
  /** The subject once loaded (undefined before): lets a list decide its rows' fields without a promise each. */
  load.settled = (): ViewerSubject | undefined => settled;
  return load;
}
