// The Driftless web UI: polls the API, renders the table, the graph and the selected item's detail.
import * as api from './api.js';
import { drawGraph } from './graph.js';

const POLL_MS = 2000;
const state = { items: [], selected: null, busy: false, lastFleet: '', lastGraph: '', lastDetail: '' };

const $ = (selector) => document.querySelector(selector);

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text ?? '';
  return td;
}

function shortRevision(revision) {
  if (!revision) return '';
  const at = revision.lastIndexOf(':');
  return at >= 0 && revision.length - at > 13 ? `${revision.slice(0, at + 13)}` : revision;
}

/** 2026-12-01T15:15:52.160213571Z as 2026-12-01 15:15:52 (UTC); the full instant stays in the title. */
function when(instant) {
  if (!instant) return '';
  return /^\d{4}-\d\d-\d\dT/.test(instant) ? instant.replace('T', ' ').replace(/\.\d+/, '').replace(/Z$/, '') : instant;
}

function timeCell(instant, className) {
  const td = cell(when(instant), className);
  td.title = instant || '';
  return td;
}

function idOf(item) {
  return `${item.cluster}:${item.id}`;
}

export function notice(text, isError) {
  const p = $('#notice');
  p.hidden = false;
  p.textContent = text;
  p.classList.toggle('error', Boolean(isError));
}

function renderFleet(view) {
  state.items = view.items;
  $('#mode').textContent = view.writable ? (api.token() ? 'writes: token set' : 'writes need the token') : 'read-only';
  const body = $('#fleet tbody');
  body.replaceChildren(...view.items.map((item) => {
    const tr = document.createElement('tr');
    tr.dataset.id = idOf(item);
    tr.dataset.ready = item.ready;
    if (item.ready === 'False') tr.classList.add('failing');
    if (state.selected === idOf(item)) tr.classList.add('selected');
    const ready = cell('', 'ready');
    const badge = document.createElement('span');
    badge.className = `ready-${item.ready}`;
    badge.textContent = item.suspended ? `${item.ready} (suspended)` : item.ready;
    ready.append(badge);
    tr.append(cell(item.cluster, 'cluster'), cell(item.kind, 'kind'), cell(`${item.namespace}/${item.name}`, 'name'),
      ready, cell(shortRevision(item.revision), 'revision'), timeCell(item.lastApplied, 'applied'),
      timeCell(item.lastReconciledAt, 'reconciled'), cell(item.message, 'message'));
    tr.querySelector('.revision').title = item.revision || '';
    tr.addEventListener('click', () => select(idOf(item)));
    return tr;
  }));
  $('#sources tbody').replaceChildren(...view.sources.map((s) => {
    const tr = document.createElement('tr');
    tr.append(cell(s.kind), cell(s.key), cell(s.cluster), cell(s.url), cell(shortRevision(s.revision)), timeCell(s.fetchedAt));
    return tr;
  }));
}

function list(selector, lines, empty) {
  const ul = $(selector);
  const items = lines.length ? lines : [empty];
  ul.replaceChildren(...items.map((line) => {
    const li = document.createElement('li');
    li.textContent = line;
    if (!lines.length) li.className = 'empty';
    return li;
  }));
}

function renderHistory(history) {
  const table = $('#history');
  const columns = history.length ? Object.keys(history[0]).filter((k) => typeof history[0][k] !== 'object') : [];
  const head = document.createElement('tr');
  columns.forEach((c) => { const th = document.createElement('th'); th.textContent = c; head.append(th); });
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...history.map((entry) => {
    const tr = document.createElement('tr');
    columns.forEach((c) => {
      const value = String(entry[c] ?? '');
      tr.append(c === 'digest' ? Object.assign(cell(value.slice(0, 19) + '…'), { title: value }) : cell(when(value)));
    });
    return tr;
  }));
}

function renderDetail(detail) {
  const item = detail.item;
  $('#detail').hidden = false;
  $('#detail').dataset.id = idOf(item);
  $('#detail-title').textContent = `${item.id} on ${item.cluster}`;
  const facts = [['Ready', `${item.ready}${item.reason ? ` (${item.reason})` : ''}`], ['Message', item.message],
    ['Revision', item.revision], ['Last attempted', item.lastAttemptedRevision], ['Last applied', when(item.lastApplied)],
    ['Parent', item.parent], ['Depends on', item.dependsOn.join(', ')], ['Suspended', item.suspended ? 'yes' : 'no']];
  $('#detail-facts').replaceChildren(...facts.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v || '—';
    return [dt, dd];
  }));
  list('#inventory', detail.inventory.map((o) => `${o.object} (${o.version})`), 'no objects applied');
  renderHistory(detail.history);
  list('#events', detail.events.map((e) => `${e.timestamp || ''} ${e.severity || ''} ${e.reason || ''}: ${e.message || ''}`),
    'no events recorded in the table');
  const run = detail.lastRun;
  list('#changes', run ? run.changes : [], 'no run started from this page yet');
  list('#drift', run ? run.drift.map((d) => `${d.object}: ${d.fields.join(', ')}`) : [],
    run ? 'no drift: the cluster matched Git' : 'no run started from this page yet');
}

async function refreshDetail() {
  const item = state.items.find((i) => idOf(i) === state.selected);
  if (!item) return;
  const detail = await api.detail(item);
  const seen = JSON.stringify(detail);
  if (seen !== state.lastDetail) {
    state.lastDetail = seen;
    renderDetail(detail);
  }
}

async function select(id) {
  state.selected = id;
  document.querySelectorAll('#fleet tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === id));
  await refreshDetail();
}

async function poll() {
  try {
    const [view, graph] = await Promise.all([api.fleet(), api.graph()]);
    // redraw only what changed, so a row or node under the pointer stays put between polls
    const seen = JSON.stringify([view, api.token() !== '', state.selected]);
    if (seen !== state.lastFleet) {
      state.lastFleet = seen;
      renderFleet(view);
    }
    const drawn = JSON.stringify(graph);
    if (drawn !== state.lastGraph) {
      state.lastGraph = drawn;
      drawGraph($('#graph'), graph, select);
    }
    $('#updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    if (state.selected) await refreshDetail();
  } catch (failed) {
    notice(`cannot read the API: ${failed.message}`, true);
  }
}

async function act(action) {
  const item = state.items.find((i) => idOf(i) === state.selected);
  if (!item || state.busy) return;
  state.busy = true;
  document.querySelectorAll('#detail button').forEach((b) => { b.disabled = true; });
  notice(`${action} ${item.id} on ${item.cluster}…`, false);
  try {
    const result = await api.act(item, action);
    if (result.ok) {
      notice(result.body.message, false);
    } else if (result.status === 401 || result.status === 403) {
      notice(`refused (${result.status}): ${result.body.error}`, true);
    } else {
      notice(`${action} failed (${result.status}): ${result.body.error}`, true);
    }
  } finally {
    state.busy = false;
    document.querySelectorAll('#detail button').forEach((b) => { b.disabled = false; });
    await poll();
  }
}

document.querySelectorAll('#detail button[data-action]').forEach((b) => {
  b.addEventListener('click', () => act(b.dataset.action));
});
$('#token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  api.setToken($('#token').value.trim());
  $('#token').value = '';
  notice(api.token() ? 'token set for this tab' : 'token cleared', false);
  poll();
});

poll();
setInterval(poll, POLL_MS);
