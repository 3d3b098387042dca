// Reference data most pages need (units, partners, workflow definitions), fetched once per
// page load and shared. forget() drops a cached list after the user changed it.
import { get } from './api.js';

const cache = new Map();

function cached(key, loader) {
  if (!cache.has(key)) {
    const p = loader().catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return cache.get(key);
}

export function forget(key) {
  cache.delete(key);
}

export const units = () => cached('units', () => get('/api/units'));
export const partners = () => cached('partners', () => get('/api/partners'));
export const workflows = () => cached('workflows', () => get('/api/workflows'));

export const KINDS = ['outbound_delegation', 'inbound_visit', 'conference', 'aid', 'agreement'];

// The current definition of one kind.
export async function workflow(kind) {
  const all = await workflows();
  return (Array.isArray(all) ? all : []).find((w) => w.kind === kind) || null;
}

// Map from id to item, for lists that show a name for an id.
export async function byId(loader) {
  const items = await loader();
  const list = Array.isArray(items) ? items : items?.items || [];
  return new Map(list.map((x) => [x.id, x]));
}
