// Việc của tôi / My work: what waits for my action (as myself or as a deputy), the earliest
// deadline first, so overdue steps lead; then my unit's drafts and returned proposals.
import { get, withQuery } from '../api.js';
import { t, label, fmtDate } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle } from '../ui.js';
import { proposalTable } from '../components/proposal-table.js';
import { units, byId } from '../reference.js';
import { hasRole } from '../app.js';

export async function mount(main, { session }) {
  setTitle(t('work.title'));
  const user = session.user;
  const mayDraft = hasRole('staff', 'unit_head', 'icd_officer');
  const state = { waiting: null, drafts: null, returned: null, error: null };
  let unitMap = new Map();

  const draw = () => render(html`
    <div class="page-head">
      <h1>${t('work.title')}</h1>
      ${hasRole('staff', 'icd_officer') ? html`<a class="button primary" href="#/new">${t('work.new')}</a>` : nothing}
    </div>
    ${user.acting_for?.length ? html`<p class="notice">${t('work.deputy_notice', {
      names: user.acting_for.map((a) => a.leader_name).join(', '),
      until: user.acting_for.map((a) => fmtDate(a.ends_on)).join(', ') })}</p>` : nothing}
    ${errorBox(state.error)}
    <section aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">${t('work.waiting')}${state.waiting ? html` <span class="count">${state.waiting.length}</span>` : nothing}</h2>
      ${state.waiting === null ? loading(4)
        : state.waiting.length === 0 ? emptyState(t('work.nothing_waiting'))
        : proposalTable(state.waiting, { units: unitMap, columns: ['ref', 'title', 'kind', 'state', 'unit', 'at_step', 'due'] })}
    </section>
    ${mayDraft ? html`
    <section aria-labelledby="returned-heading">
      <h2 id="returned-heading">${t('work.returned')}</h2>
      ${state.returned === null ? loading(2)
        : state.returned.length === 0 ? emptyState(t('work.no_returned'))
        : proposalTable(state.returned, { units: unitMap, columns: ['ref', 'title', 'kind', 'state', 'at_step', 'due'] })}
    </section>
    <section aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">${t('work.drafts', { unit: label(user.unit?.name) })}</h2>
      ${state.drafts === null ? loading(2)
        : state.drafts.length === 0 ? emptyState(t('work.no_drafts'))
        : proposalTable(state.drafts, { units: unitMap, columns: ['ref', 'title', 'kind', 'created', 'due'] })}
    </section>` : nothing}`, main);

  draw();
  const unitFilter = { unit: user.unit?.code };
  try {
    const [map, waiting, drafts, returned] = await Promise.all([
      byId(units),
      get(withQuery('/api/proposals', { awaiting: 'me', sort: 'due', limit: 100 })),
      mayDraft ? get(withQuery('/api/proposals', { state: 'draft', sort: 'updated', limit: 50, ...unitFilter })) : null,
      mayDraft ? get(withQuery('/api/proposals', { state: 'returned', sort: 'due', limit: 50, ...unitFilter })) : null,
    ]);
    unitMap = map;
    state.waiting = waiting.items;
    state.drafts = drafts ? drafts.items : [];
    state.returned = returned ? returned.items : [];
  } catch (error) {
    if (error.status === 401) return;
    state.error = error;
    state.waiting ??= [];
    state.drafts ??= [];
    state.returned ??= [];
  }
  draw();
}
