import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { globalId } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const AddFilter = graphql(`
  mutation FilterPermAddFilter($input: AddDashboardFilterInput!) {
    addDashboardFilter(input: $input) { id type field permissions }
  }
`);
const Filters = graphql(`query FilterPermFilters($id: ID!) { dashboard(id: $id) { filters { id type field permissions } } }`);

describe('addDashboardFilter validates permission code at save time', () => {
  it('refuses invalid code with BAD_USER_INPUT naming input.permissions and the line; saves valid code', async ({ kit, tenant: t }) => {
    const c = contentBuilders(kit, t.tenant);
    const dataset = await c.dataset(t.admin, await c.dataSource(t.admin));
    const dashboard = await c.dashboard({ owner: t.admin, title: 'Countries' });
    const input = (permissions: string) => ({
      dashboardId: globalId('Dashboard', dashboard.id),
      datasetId: globalId('Dataset', dataset.id),
      type: 'DROPDOWN' as const,
      field: 'orders.country',
      permissions,
    });

    const withElse = ['- if_group: Malaysia', '  then_value: [my, vn, sg]', '- else:', "  then_value: 'x'"].join('\n');
    const refused = await kit.gql(AddFilter, { input: input(withElse) }, { token: t.admin.token });
    expect(refused.data?.addDashboardFilter).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(refused.errors?.[0]?.message).toMatch(/^line 3: else is only for filters that take a single value/);

    const badExpression = [
      '- if_group: Malaysia',
      '  then_value: [my]',
      '- if_group: Vietnam',
      '  then_value: vn',
      'expression: Malaysia union Singapore',
    ].join('\n');
    const unknownGroup = await kit.gql(AddFilter, { input: input(badExpression) }, { token: t.admin.token });
    expect(unknownGroup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(unknownGroup.errors?.[0]?.message).toMatch(/^line 5: expression names group 'Singapore'/);

    const valid = [
      '- if_group: Malaysia        # headquarters sees every country',
      '  then_value: [my, vn, sg]',
      '- if_group: Vietnam',
      '  then_value: vn',
      '- if_group: Singapore',
      '  then_value: sg',
      'expression: Malaysia union (Vietnam intersect Singapore)',
    ].join('\n');
    const saved = await kit.gql(AddFilter, { input: input(`${valid}\n\n`) }, { token: t.admin.token });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.addDashboardFilter).toMatchObject({ type: 'DROPDOWN', field: 'orders.country', permissions: valid });

    const listed = await kit.gql(Filters, { id: globalId('Dashboard', dashboard.id) }, { token: t.admin.token });
    expect(listed.data?.dashboard?.filters).toEqual([saved.data!.addDashboardFilter]);
  });
});
