import { builder } from '../../graphql/builder.ts';
import type { Tenant } from './tenant.entity.ts';

export const TenantRef = builder.objectRef<Tenant>('Tenant').implement({
  description: 'A customer workspace; everything belongs to exactly one',
  authScopes: { authenticated: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
  }),
});
