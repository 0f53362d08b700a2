import { benchDashboards } from './dashboards.ts';
import { benchExport } from './export.ts';
import { benchFault, benchLoad } from './load.ts';
import { benchQueries } from './queries.ts';
import { benchUsersImport } from './users-import.ts';

const only = process.argv[2];
const lines: string[] = [];
if (!only || only === 'dashboards') {
  const r = await benchDashboards();
  lines.push(
    `dashboards(first: 100) + viewerCan: gateway ${r.gatewayMs.toFixed(1)} ms vs direct SQL ${r.directMs.toFixed(1)} ms (p50) → ${r.ratio.toFixed(2)}x`,
  );
}
if (!only || only === 'queries') {
  const r = await benchQueries();
  lines.push(
    `aggregated RLP query: gateway ${r.latency.gatewayMs.toFixed(1)} ms vs direct pg ${r.latency.directMs.toFixed(1)} ms (p50) → ${r.latency.ratio.toFixed(2)}x`,
  );
  lines.push(
    `10-row RLP query at 16 clients: gateway ${r.rate.gatewayRps.toFixed(0)} req/s vs bare yoga ${r.rate.bareRps.toFixed(0)} req/s → ${r.rate.ratio.toFixed(2)}x`,
  );
  lines.push(`  (vs bare yoga running the same SQL as a prepared statement, ${r.rate.barePreparedRps.toFixed(0)} req/s → ${r.rate.preparedRatio.toFixed(2)}x)`);
  lines.push(
    `  every query new: gateway ${r.rate.gatewayNewRps.toFixed(0)} req/s vs bare yoga ${r.rate.bareNewRps.toFixed(0)} req/s → ${r.rate.newRatio.toFixed(2)}x`,
  );
}
if (!only || only === 'export') {
  const r = await benchExport();
  lines.push(
    `1M-row CSV export: gateway ${r.gatewayRps.toFixed(0)} rows/s vs COPY ${r.copyRps.toFixed(0)} rows/s → ${r.ratio.toFixed(2)}x; gateway RSS growth ${r.rssGrowthMb.toFixed(1)} MB`,
  );
}
if (!only || only === 'load') {
  const r = await benchLoad();
  const o = r.overall;
  const h = r.healthz;
  lines.push(
    `mixed load, 200 clients: ${o.rps.toFixed(0)} req/s, p50 ${o.p50.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms, 5xx ${o.fiveXx} (target 0) vs /healthz ${h.rps.toFixed(0)} req/s, p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms → throughput ${r.throughputRatio.toFixed(3)}x, p50 ${r.p50Ratio.toFixed(1)}x, p99 ${r.p99Ratio.toFixed(1)}x`,
  );
  for (const [kind, s] of Object.entries(r.perKind))
    lines.push(`  ${kind}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, failed ${s.failed}, 5xx ${s.fiveXx}`);
}
if (!only || only === 'fault') {
  const r = await benchFault();
  lines.push(
    `fault (PostgreSQL SIGKILLed mid-load, restarted): acknowledged writes lost ${r.lost} of ${r.acknowledged} (target 0); outage responses 503 UNAVAILABLE ${r.unavailable} of ${r.outageFailed} failed (${(r.unavailableShare * 100).toFixed(1)}%, target 100%; ${r.outageServed} more were served); recovery ${(r.recoveryMs / 1000).toFixed(2)} s after the restart vs PostgreSQL's own start ${(r.pgStartMs / 1000).toFixed(2)} s`,
  );
}
if (!only || only === 'import') {
  const r = await benchUsersImport();
  lines.push(
    `importUsers of ${r.rows} rows: gateway ${(r.gatewayMs / 1000).toFixed(2)} s vs multi-row INSERTs through pg ${(r.directMs / 1000).toFixed(2)} s (p50) → ${r.ratio.toFixed(2)}x`,
  );
}
console.log(`\nsummary\n${lines.map((l) => `  ${l}`).join('\n')}`);
