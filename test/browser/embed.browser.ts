import { mkdtemp, rm, chmod, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANT } from '../../src/demo/seed.ts';
import {
  DEMO_ADMIN,
  DEMO_VIEWER,
  attributeSets,
  createHs256Key,
  ecommerceDashboardId,
  merchantsByCountry,
  setAttributes,
  signIn,
  widgetRows,
  type WidgetRows,
} from '../testkit/embed-demo.ts';
import { freePort, startGateway, startPartner, type StartedProcess } from '../testkit/processes.ts';

/**
 * In a real browser: the gateway as `npm start` runs it (embedded PostgreSQL, demo workspace),
 * the example partner (examples/embed-partner/) serving its page from another origin, the page
 * drawing the Ecommerce dashboard with an embed token for two attribute sets; then GraphiQL.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let dataDir: string;
let shots: string;
let gateway: StartedProcess;
let browser: Browser;
const partners: StartedProcess[] = [];
let partnerPorts: number[];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-browser-'));
  await chmod(dataDir, 0o755);
  shots = path.join(os.tmpdir(), `tessera-browser-shots-${process.pid}`);
  // Two partner origins on the list; a third, not on it, whose page the browser must not let read.
  partnerPorts = [await freePort(), await freePort(), await freePort()];
  gateway = await startGateway({
    TESSERA_DATA_DIR: path.join(dataDir, 'data'),
    TESSERA_CORS_ORIGINS: partnerPorts
      .slice(0, 2)
      .map((port) => `http://127.0.0.1:${port}`)
      .join(','),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(partners.map((p) => p.stop()));
  if (gateway) expect(await gateway.stop()).toBe(0);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function newPage(name: string): Promise<Page> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  onTestFailed(async () => {
    await mkdir(shots, { recursive: true });
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot: ${file}${problems.length ? `\npage errors: ${problems.join('\n')}` : ''}\ngateway output:\n${gateway.output()}`);
  });
  return page;
}

/** What the page drew, widget by widget: the values in its table cells and bars. */
async function drawn(page: Page) {
  return page.$$eval('section.widget', (sections) =>
    sections.map((section) => ({
      id: section.getAttribute('data-widget-id'),
      title: section.querySelector('h2')?.textContent,
      cells: [...section.querySelectorAll('table[data-role=table] tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => ({ value: JSON.parse(td.getAttribute('data-value')!) as unknown, text: td.textContent ?? '' })),
      ),
      bars: [...section.querySelectorAll('svg[data-role=chart] rect.bar')].map((bar) => Number(bar.getAttribute('data-value'))),
    })),
  );
}

function expectDrawnAsFetched(page: Awaited<ReturnType<typeof drawn>>, expected: WidgetRows[]) {
  expect(page.map((w) => [w.id, w.title])).toEqual(expected.map((w) => [w.id, w.title]));
  for (const [i, widget] of expected.entries()) {
    const shown = page[i]!;
    expect(widget.rows.length, widget.title).toBeGreaterThan(0);
    expect(
      shown.cells.map((row) => row.map((cell) => cell.value)),
      widget.title,
    ).toEqual(widget.rows);
    const valueIndex = widget.columns.findIndex((c) => c.type === 'NUMBER');
    // The visible numbers are the values, formatted (en-US grouping, at most two decimals).
    for (const [r, row] of widget.rows.entries()) {
      const text = shown.cells[r]![valueIndex]!.text;
      expect(Number(text.replaceAll(',', '')), `${widget.title} row ${r}`).toBeCloseTo(Number(row[valueIndex]), 2);
    }
    expect(shown.bars, widget.title).toEqual(widget.rows.map((row) => Number(row[valueIndex])));
  }
}

describe('the example partner page in Chromium', () => {
  it('draws the Ecommerce dashboard with the numbers a VIEWER with the same attributes gets, different for two attribute sets', async () => {
    const url = gateway.url;
    const { token: adminToken } = await signIn(url, DEMO_ADMIN);
    const key = await createHs256Key(url, adminToken, 'Browser test partner');
    const dashboardId = await ecommerceDashboardId(url, adminToken);
    const sets = Object.values(attributeSets(await merchantsByCountry(url, adminToken)));
    const viewer = await signIn(url, DEMO_VIEWER);

    const rendered: string[] = [];
    for (const [i, attributes] of sets.entries()) {
      await setAttributes(url, adminToken, viewer.userId, attributes);
      const expected = await widgetRows(url, viewer.token, dashboardId);
      const partner = await startPartner({
        gatewayUrl: url,
        kid: key.kid,
        secret: key.secret,
        audience: key.audience,
        dashboardId,
        userAttributes: attributes,
        port: partnerPorts[i]!,
      });
      partners.push(partner);
      const page = await newPage(`partner-${i}`);
      await page.goto(partner.url);
      await page.locator('#status[data-state=ready]').waitFor({ timeout: 30_000 });
      expect(await page.locator('#title').textContent()).toBe('Ecommerce overview');
      const shown = await drawn(page);
      expectDrawnAsFetched(shown, expected);
      rendered.push(JSON.stringify(shown));
      await page.close();
    }
    expect(rendered).toHaveLength(2);
    expect(rendered[0]).not.toBe(rendered[1]);

    // An origin the gateway does not list: the token is valid, but the browser keeps the answer from the page.
    const stranger = await startPartner({
      gatewayUrl: url,
      kid: key.kid,
      secret: key.secret,
      audience: key.audience,
      dashboardId,
      userAttributes: sets[0]!,
      port: partnerPorts[2]!,
    });
    partners.push(stranger);
    const page = await newPage('partner-not-allowed');
    await page.goto(stranger.url);
    await page.locator('#status[data-state=error]').waitFor({ timeout: 30_000 });
    expect(await page.locator('section.widget').count()).toBe(0);
    await page.close();
  });
});

describe('GraphiQL at /graphql', () => {
  const QUERY_EDITOR = '.graphiql-query-editor .monaco-editor';
  const HEADERS_EDITOR = '.graphiql-editor-tool .monaco-editor[data-uri*="headers"]';

  /** Replaces the text of a GraphiQL (Monaco) editor. */
  async function typeInto(page: Page, selector: string, text: string) {
    const editor = page.locator(selector).first();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText: as pasted, so the editor does not add closing brackets of its own.
    await page.keyboard.insertText(text);
    await expect.poll(async () => (await editor.locator('.view-lines').innerText()).replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  }

  async function run(page: Page): Promise<string> {
    const answer = page.waitForResponse((res) => res.url().endsWith('/graphql') && res.request().method() === 'POST');
    await page.locator('.graphiql-execute-button').click();
    await answer;
    // The response pane wraps long lines: the JSON without its whitespace is what we read.
    await expect.poll(async () => (await page.locator('.graphiql-response .view-lines').innerText()).replace(/\s+/g, '')).toMatch(/^\{"(data|errors)"/);
    return (await page.locator('.graphiql-response .view-lines').innerText()).replace(/\s+/g, '');
  }

  it('signs in with the login mutation, takes the token into the headers, and runs a viewer query', async () => {
    const page = await newPage('graphiql');
    await page.goto(`${gateway.url}/graphql`);
    await page.locator(QUERY_EDITOR).first().waitFor({ timeout: 30_000 });

    await typeInto(
      page,
      QUERY_EDITOR,
      `mutation { login(input: { tenant: "${DEMO_TENANT}", email: "${DEMO_VIEWER}", password: "${DEMO_PASSWORD}" }) { token } }`,
    );
    const signedIn = await run(page);
    const token = /"token":"([A-Za-z0-9._-]+)"/.exec(signedIn)?.[1];
    expect(token, signedIn).toBeDefined();

    await page.getByRole('button', { name: 'Headers' }).click();
    await typeInto(page, HEADERS_EDITOR, JSON.stringify({ Authorization: `Bearer ${token}` }));
    await typeInto(page, QUERY_EDITOR, '{ viewer { kind user { email role } tenant { slug } } }');
    const result = JSON.parse(await run(page)) as unknown;
    expect(result).toEqual({ data: { viewer: { kind: 'USER', user: { email: DEMO_VIEWER, role: 'VIEWER' }, tenant: { slug: DEMO_TENANT } } } });

    // Without the header the same query names nobody.
    await typeInto(page, HEADERS_EDITOR, '{}');
    const anonymous = JSON.parse(await run(page)) as { data: { viewer: unknown }; errors: { extensions: { code: string } }[] };
    expect(anonymous.data.viewer).toBeNull();
    expect(anonymous.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    await page.close();
  });
});
