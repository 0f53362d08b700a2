import { benchDashboards } from './dashboards.ts';

const results = [await benchDashboards()];
console.log('\nsummary');
for (const r of results) console.log(`  ${r.name}: gateway ${r.gatewayMs.toFixed(2)} ms vs direct SQL ${r.directMs.toFixed(2)} ms → ${r.ratio.toFixed(2)}x`);
