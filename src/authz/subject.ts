import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/principal.ts';
import type { DatasetAccessLevel, Feature } from '../modules/user/user-overrides.entity.ts';
import type { DatasetAccessMode } from '../modules/user/user.entity.ts';
import type { Subject } from './decide.ts';

interface SubjectRow {
  allow_export_data: boolean;
  dataset_access_mode: DatasetAccessMode;
  features: { feature: Feature; state: 'ENABLED' | 'DISABLED' }[] | null;
  datasets: { dataset_id: string; level: DatasetAccessLevel }[] | null;
}

/** The viewer with their per-user overrides, read in one statement. Admins carry none. */
export async function loadSubject(em: EntityManager, viewer: Viewer): Promise<Subject> {
  const rows = await em.execute<SubjectRow[]>(
    `select u.allow_export_data, u.dataset_access_mode,
            (select json_agg(json_build_object('feature', f.feature, 'state', f.state))
               from user_feature_permissions f where f.user_id = u.id) as features,
            (select json_agg(json_build_object('dataset_id', a.dataset_id, 'level', a.level))
               from user_dataset_access a where a.user_id = u.id) as datasets
       from users u where u.id = ? and u.tenant_id = ?`,
    [viewer.userId, viewer.tenantId],
  );
  const row = rows[0];
  const admin = viewer.role === 'ADMIN';
  return {
    userId: viewer.userId,
    role: viewer.role,
    allowExportData: admin || viewer.role === 'ANALYST' || (row?.allow_export_data ?? false),
    features: admin ? {} : Object.fromEntries((row?.features ?? []).map((f) => [f.feature, f.state])),
    datasetAccessMode: admin ? 'FULL' : (row?.dataset_access_mode ?? 'FULL'),
    datasetAccess: new Map(admin ? [] : (row?.datasets ?? []).map((d) => [d.dataset_id, d.level])),
  };
}

/** A per-request memo of the viewer's subject. */
export function subjectLoader(em: EntityManager, viewer: Viewer | null) {
  let cached: Promise<Subject> | undefined;
  return () => {
    if (!viewer) throw new Error('no viewer');
    cached ??= loadSubject(em, viewer);
    return cached;
  };
}
