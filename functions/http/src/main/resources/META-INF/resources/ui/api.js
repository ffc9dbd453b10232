// The JSON API under /api/ (io.driftless.functions.http.ui.UiRoute). Writes carry the UI token.
const TOKEN_KEY = 'driftless-ui-token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

async function read(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || `${path}: HTTP ${response.status}`);
  }
  return body;
}

export const fleet = () => read('/api/fleet');
export const graph = () => read('/api/graph');

export function itemPath(item) {
  return `/api/items/${encodeURIComponent(item.cluster)}/${item.kind}/${item.namespace}/${item.name}`;
}

export const detail = (item) => read(itemPath(item));

/** POSTs an action; resolves to { ok, status, body } so the page can say why a write was refused. */
export async function act(item, action) {
  const headers = {};
  if (token()) {
    headers.Authorization = `Bearer ${token()}`;
  }
  const response = await fetch(`${itemPath(item)}/${action}`, { method: 'POST', headers });
  let body;
  try {
    body = await response.json();
  } catch (notJson) {
    body = { error: `HTTP ${response.status}` };
  }
  return { ok: response.ok, status: response.status, body };
}
