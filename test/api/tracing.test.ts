import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const TrUsers = graphql(`query TrUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }`);
const TrQuery = graphql(`query TrQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }`);

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let kit: TestKit;
let t: SeededTenant;

beforeAll(async () => {
  // Registered before the app is made, as main.ts does when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  provider.register();
  kit = await createTestKit();
  t = await kit.seedTenant();
});
afterAll(async () => {
  await kit?.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const attributeText = (spans: ReadableSpan[]) => JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status })));

describe('tracing', () => {
  it('one request: a server span, the operation under it, and its SQL statements under the operation, without variable or parameter values', async () => {
    const needle = `needle-${uuidv7().slice(-10)}`;
    exporter.reset();
    const res = await kit.gql(TrUsers, { search: needle }, { token: t.admin.token, sync: false });
    expect(res.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(server?.name).toBe('POST /graphql');
    expect(server?.attributes['http.response.status_code']).toBe(200);
    expect(parentOf(server!)).toBeUndefined();
    const operation = spans.find((s) => s.name === 'query TrUsers');
    expect(operation?.attributes).toMatchObject({ 'graphql.operation.name': 'TrUsers', 'graphql.operation.type': 'query', 'tessera.principal.kind': 'USER' });
    expect(parentOf(operation!)).toBe(server!.spanContext().spanId);
    const statements = spans.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    expect(statements.length).toBeGreaterThanOrEqual(1);
    for (const statement of statements) {
      expect(parentOf(statement)).toBe(operation!.spanContext().spanId);
      expect(statement.spanContext().traceId).toBe(server!.spanContext().traceId);
      expect(typeof statement.attributes['db.query.text']).toBe('string');
    }
    // The ORM inlines values into the SQL it sends: the span's text has them replaced by `?`.
    expect(statements.some((s) => /ilike \?/.test(String(s.attributes['db.query.text'])))).toBe(true);
    const text = attributeText(spans);
    expect(text).not.toContain(needle);
    expect(text).not.toContain(t.admin.token!);
  });

  it('a dataset query: a warehouse span with the statement and data source, never the bound values', async () => {
    const { schema } = await kit.warehouse(
      (s) => `create table ${s}.orders (id int primary key, country text, amount numeric); insert into ${s}.orders values (1, 'France', 10), (2, 'Japan', 20);`,
      {
        prefix: 'tr',
      },
    );
    const content = contentBuilders(kit, t.tenant);
    const source = await content.warehouseSource(t.admin, [schema]);
    const datasetId = uuidv7();
    const definition = {
      models: [
        {
          name: 'orders',
          table: `${schema}.orders`,
          fields: [
            { name: 'country', column: 'country', type: 'STRING' },
            { name: 'amount', column: 'amount', type: 'NUMBER' },
          ],
        },
      ],
      relationships: [],
      calculations: [],
    };
    await kit.orm.em.fork().execute(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, '[]', 1, now(), now())`,
      [datasetId, t.tenant.id, source.id, `tr_${datasetId.slice(-6)}`, `tr_${datasetId.slice(-6)}`, t.admin.id, JSON.stringify(definition)],
    );
    const secretCountry = `Atlantis-${uuidv7().slice(-6)}`;
    exporter.reset();
    const res = await kit.gql(
      TrQuery,
      {
        id: globalId('Dataset', datasetId),
        input: { measures: [{ field: 'orders.amount', aggregation: 'SUM' }], filters: [{ field: 'orders.country', operator: 'EQ', values: [secretCountry] }] },
      },
      { token: t.admin.token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.dataset?.query.rows).toEqual([[null]]);
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'query TrQuery')!;
    const warehouse = spans.find((s) => s.name === 'warehouse query');
    expect(warehouse?.attributes['tessera.data_source.id']).toBe(source.id);
    expect(String(warehouse?.attributes['db.query.text'])).toContain(`"${schema}"."orders"`);
    expect(String(warehouse?.attributes['db.query.text'])).toMatch(/\$1/);
    expect(parentOf(warehouse!)).toBe(operation.spanContext().spanId);
    expect(attributeText(spans)).not.toContain(secretCountry);
  });
});
