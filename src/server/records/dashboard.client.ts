/**
 * The dashboard page's script (bundled with chart.js into `dist/dashboard/dashboard.js`):
 * reads the store through the dashboard's JSON endpoints and draws the charts. Text goes in
 * with `textContent` only: record fields come from visitors and are never markup.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Stats, StoredRecord } from './store.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const main = document.querySelector<HTMLElement>('main[data-base]')!;
const base = main.dataset.base!;
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** Colour-blind-safe (Okabe–Ito), distinct in greyscale too. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | number, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function fillTable(table: HTMLTableElement, head: string[], rows: (string | number)[][], caption: string, mono: number[] = []): void {
  table.replaceChildren();
  table.append(element('caption', caption));
  const headRow = element('tr');
  for (const title of head) {
    const th = element('th', title);
    th.scope = 'col';
    headRow.append(th);
  }
  table.append(element('thead'));
  table.tHead!.append(headRow);
  const body = element('tbody');
  for (const row of rows) {
    const tr = element('tr');
    row.forEach((cell, index) => tr.append(element('td', cell, mono.includes(index) ? 'mono' : undefined)));
    body.append(tr);
  }
  table.append(body);
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
const charts: Record<string, { destroy(): void }> = {};

function draw(id: string, config: ConstructorParameters<typeof Chart>[1]): void {
  charts[id]?.destroy();
  charts[id] = new Chart($<HTMLCanvasElement>(`#${id}`), config);
}

function showStats(stats: Stats): void {
  const labels = stats.days.map((day) => day.day);
  const { totals } = stats;
  const totalsList = $('#totals');
  totalsList.replaceChildren();
  const figures: [string, string][] = [
    ['Records', String(totals.total)],
    ['Accept all', `${percent(totals.all, totals.total)} %`],
    ['Necessary only', `${percent(totals.necessary, totals.total)} %`],
    ['Custom', `${percent(totals.custom, totals.total)} %`],
  ];
  for (const [term, value] of figures) {
    const group = element('div');
    group.append(element('dt', term), element('dd', value));
    totalsList.append(group);
  }

  const kinds = [
    ['all', 'Accept all'],
    ['necessary', 'Necessary only'],
    ['custom', 'Custom'],
  ] as const;
  draw('decisions', {
    type: 'bar',
    data: {
      labels,
      datasets: kinds.map(([key, label], index) => ({ label, data: stats.days.map((day) => day[key]), backgroundColor: PALETTE[index] })),
    },
    options: { maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  fillTable(
    $<HTMLTableElement>('#decisions-table'),
    ['Day', 'Records', ...kinds.map(([, label]) => label)],
    stats.days.map((day) => [day.day, day.total, ...kinds.map(([key]) => day[key])]),
    'Decisions per day',
  );

  const categories = Object.keys(totals.categories).sort();
  draw('categories', {
    type: 'line',
    data: {
      labels,
      datasets: categories.map((name, index) => ({
        label: name,
        data: stats.days.map((day) => {
          const entry = day.categories[name];
          return entry ? percent(entry.granted, entry.offered) : null;
        }),
        borderColor: PALETTE[index % PALETTE.length],
        backgroundColor: PALETTE[index % PALETTE.length],
        borderDash: index % 2 ? [6, 3] : undefined,
        spanGaps: true,
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (value) => `${value} %` } } },
    },
  });
  fillTable(
    $<HTMLTableElement>('#categories-table'),
    ['Day', ...categories.map((name) => `${name} granted`)],
    stats.days.map((day) => [
      day.day,
      ...categories.map((name) => {
        const entry = day.categories[name];
        return entry ? `${percent(entry.granted, entry.offered)} % (${entry.granted} of ${entry.offered})` : '–';
      }),
    ]),
    'Grant rate per category and day',
  );
}

const recordRows = (records: StoredRecord[]) =>
  records.map((row) => [
    row.seq,
    row.id,
    row.timestamp.replace('T', ' ').slice(0, 19),
    row.choice,
    row.granted.join(' ') || '–',
    row.source,
    row.language,
    row.url,
  ]);
const RECORD_HEAD = ['#', 'Consent id', 'Decided (UTC)', 'Choice', 'Granted', 'Source', 'Lang', 'Page'];

function periodQuery(): string {
  const form = new FormData($<HTMLFormElement>('#period'));
  const query = new URLSearchParams();
  for (const key of ['from', 'to']) {
    const value = String(form.get(key) ?? '');
    if (value) query.set(key, value);
  }
  return query.toString() ? `?${query}` : '';
}

async function refresh(): Promise<void> {
  const query = periodQuery();
  $<HTMLAnchorElement>('#export-csv').href = `${base}/export.csv${query}`;
  $<HTMLAnchorElement>('#export-jsonl').href = `${base}/export.jsonl${query}`;
  const [stats, latest] = await Promise.all([getJson<Stats>(`/api/stats${query}`), getJson<StoredRecord[]>('/api/records?limit=20')]);
  showStats(stats);
  fillTable($<HTMLTableElement>('#latest'), RECORD_HEAD, recordRows(latest), 'The 20 newest records', [1]);
  main.dataset.ready = 'true';
}

function init(): void {
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86_400_000);
  const form = $<HTMLFormElement>('#period');
  (form.elements.namedItem('from') as HTMLInputElement).value = monthAgo.toISOString().slice(0, 10);
  (form.elements.namedItem('to') as HTMLInputElement).value = today.toISOString().slice(0, 10);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  $<HTMLFormElement>('#lookup').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = String(new FormData(event.target as HTMLFormElement).get('id') ?? '').trim();
    const out = $('#lookup-result');
    void getJson<StoredRecord[]>(`/api/records?id=${encodeURIComponent(id)}`).then((records) => {
      out.replaceChildren();
      if (!records.length) {
        out.append(element('p', `No record of ${id}.`));
        return;
      }
      const table = element('table');
      fillTable(table, [...RECORD_HEAD, 'Received (UTC)', 'Shown (sha256)'], records.map((row, index) => [...recordRows(records)[index], row.receivedAt.replace('T', ' ').slice(0, 19), row.shownHash.slice(0, 16)]), `Records of ${id}`, [1, 9]);
      out.append(table);
    });
  });
  void refresh();
}

init();
