// Draws the dependency graph (GET /api/graph) as SVG: one block per cluster, Kustomizations and
// HelmReleases in columns by depth under their parent, the objects each applied in the last column.
const SVG = 'http://www.w3.org/2000/svg';
const BOX_W = 250;
const BOX_H = 24;
const COL_GAP = 70;
const ROW = 32;
const MARGIN = 16;

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function shorten(label) {
  return label.length > 34 ? `${label.slice(0, 33)}…` : label;
}

/** Column and row of every node, cluster by cluster; returns the positions and the label rows. */
function layout(nodes, edges) {
  const children = new Map();
  const hasParent = new Set();
  const objects = new Map();
  for (const e of edges) {
    if (e.type === 'parent') {
      if (!children.has(e.from)) children.set(e.from, []);
      children.get(e.from).push(e.to);
      hasParent.add(e.to);
    } else if (e.type === 'object') {
      if (!objects.has(e.from)) objects.set(e.from, []);
      objects.get(e.from).push(e.to);
    }
  }
  const clusters = [...new Set(nodes.map((n) => n.cluster))].sort();
  const place = new Map();
  const labels = [];
  let row = 0;
  for (const cluster of clusters) {
    labels.push({ cluster, row });
    row += 1;
    const items = nodes.filter((n) => n.cluster === cluster && n.type !== 'object');
    const roots = items.filter((n) => !hasParent.has(n.id));
    const order = [];
    let maxDepth = 0;
    const visit = (id, depth) => {
      if (place.has(id)) return;
      place.set(id, { col: depth, row: 0 });
      order.push(id);
      maxDepth = Math.max(maxDepth, depth);
      for (const child of children.get(id) || []) visit(child, depth + 1);
    };
    roots.forEach((r) => visit(r.id, 0));
    items.forEach((n) => visit(n.id, 0));
    let objectRow = row;
    for (const id of order) {
      place.get(id).row = row;
      row += 1;
      for (const object of objects.get(id) || []) {
        place.set(object, { col: maxDepth + 1, row: objectRow });
        objectRow += 1;
      }
      objectRow = Math.max(objectRow, row);
    }
    row = Math.max(row, objectRow) + 1;
  }
  return { place, labels, rows: row };
}

function xy(p) {
  return { x: MARGIN + p.col * (BOX_W + COL_GAP), y: MARGIN + p.row * ROW };
}

function edgePath(from, to, type) {
  const a = xy(from);
  const b = xy(to);
  if (type === 'dependsOn' && from.col === to.col) {
    const x = a.x;
    const bow = 40 + Math.abs(a.y - b.y) / 4;
    return `M${x} ${a.y + BOX_H / 2} C${x - bow} ${a.y + BOX_H / 2} ${x - bow} ${b.y + BOX_H / 2} ${x} ${b.y + BOX_H / 2}`;
  }
  const x1 = a.x + BOX_W;
  const y1 = a.y + BOX_H / 2;
  const x2 = b.x;
  const y2 = b.y + BOX_H / 2;
  const mid = (x1 + x2) / 2;
  return `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`;
}

/** Renders {nodes, edges} into the svg; onSelect(nodeId) when a Kustomization or HelmRelease is clicked. */
export function drawGraph(svg, graph, onSelect) {
  const { place, labels, rows } = layout(graph.nodes, graph.edges);
  const cols = Math.max(1, ...[...place.values()].map((p) => p.col + 1));
  svg.replaceChildren();
  svg.setAttribute('width', MARGIN * 2 + cols * (BOX_W + COL_GAP));
  svg.setAttribute('height', MARGIN * 2 + rows * ROW);
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '6',
    markerHeight: '6', orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0 0 L10 5 L0 10 z', fill: '#dc6803' }));
  defs.append(marker);
  svg.append(defs);
  for (const label of labels) {
    const p = xy({ col: 0, row: label.row });
    svg.append(el('text', { class: 'cluster-label', x: p.x, y: p.y + BOX_H / 2 }, `cluster ${label.cluster}`));
  }
  for (const e of graph.edges) {
    const from = place.get(e.from);
    const to = place.get(e.to);
    if (!from || !to) continue;
    const attrs = { class: `edge edge-${e.type}`, d: edgePath(from, to, e.type), 'data-from': e.from,
      'data-to': e.to, 'data-type': e.type };
    if (e.type === 'dependsOn') attrs['marker-end'] = 'url(#arrow)';
    svg.append(el('path', attrs));
  }
  for (const n of graph.nodes) {
    const p = place.get(n.id);
    if (!p) continue;
    const { x, y } = xy(p);
    const classes = ['node', `node-${n.type}`];
    if (n.failing) classes.push('failing');
    if (n.suspended) classes.push('suspended');
    const g = el('g', { class: classes.join(' '), 'data-id': n.id, transform: `translate(${x} ${y})` });
    g.append(el('title', {}, n.label + (n.failing ? ' (failing)' : '') + (n.suspended ? ' (suspended)' : '')));
    g.append(el('rect', { width: BOX_W, height: BOX_H }));
    g.append(el('text', { x: 8, y: BOX_H / 2 }, (n.failing ? '✗ ' : '') + shorten(n.label)));
    if (n.type !== 'object') g.addEventListener('click', () => onSelect(n.id));
    svg.append(g);
  }
}
