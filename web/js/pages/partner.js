// One partner: its details and every activity with it that the user may see (delegations,
// visits, conferences, aid, agreements), each linking to its proposal.
import { get } from '../api.js';
import { t, label, fmtDate, countryName, fmtDateTime } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, kindLabel, announce } from '../ui.js';
import { workflows, KINDS } from '../reference.js';
import { partnerDialog, partnerTypeLabel } from '../components/partner-form.js';
import { canEditPartners } from './partners.js';

function dates(a) {
  if (!a.starts_on) return '';
  return a.ends_on && a.ends_on !== a.starts_on ? `${fmtDate(a.starts_on)} – ${fmtDate(a.ends_on)}` : fmtDate(a.starts_on);
}

export async function mount(main, { params }) {
  setTitle(t('partners.title'));
  const state = { partner: null, error: null, stateLabels: new Map(), kind: '' };

  const stateLabel = (a) => label(state.stateLabels.get(`${a.kind}/${a.state}`)) || a.state;

  const edit = async () => {
    const saved = await partnerDialog(state.partner);
    if (!saved) return;
    state.partner = { ...state.partner, ...saved };
    announce(t('common.saved'));
    draw();
  };

  const draw = () => {
    const p = state.partner;
    if (!p) {
      render(html`<p><a href="#/partners">← ${t('partners.back')}</a></p>${errorBox(state.error)}${state.error ? nothing : loading(10)}`, main);
      return;
    }
    const name = label({ vi: p.name_vi, en: p.name_en });
    setTitle(name);
    const shown = state.kind ? p.activities.filter((a) => a.kind === state.kind) : p.activities;
    render(html`
      <p class="pa-back"><a href="#/partners">← ${t('partners.back')}</a></p>
      <div class="page-head">
        <h1>${name}${p.acronym ? html` <span class="muted">(${p.acronym})</span>` : nothing}</h1>
        ${canEditPartners() ? html`<button type="button" class="secondary" id="edit-partner" @click=${edit}>${t('partners.edit')}</button>` : nothing}
      </div>
      <section class="card pa-details" aria-labelledby="pa-details-h">
        <h2 id="pa-details-h" class="pa-sr">${t('partners.details')}</h2>
        <dl>
          <div><dt>${t('partners.field.name_vi')}</dt><dd lang="vi">${p.name_vi}</dd></div>
          <div><dt>${t('partners.field.name_en')}</dt><dd lang="en">${p.name_en}</dd></div>
          <div><dt>${t('partners.field.type')}</dt><dd>${partnerTypeLabel(p.type)}</dd></div>
          <div><dt>${t('partners.field.country')}</dt><dd>${p.country ? countryName(p.country) : t('partners.international')}</dd></div>
          ${p.notes ? html`<div class="pa-wide"><dt>${t('partners.field.notes')}</dt><dd>${p.notes}</dd></div>` : nothing}
          <div><dt>${t('partners.since')}</dt><dd>${fmtDateTime(p.created_at)}</dd></div>
        </dl>
      </section>
      <section aria-labelledby="pa-activities-h">
        <h2 id="pa-activities-h">${t('partners.activities')} <span class="count">${p.activities.length}</span></h2>
        <div class="pa-kinds" role="group" aria-label=${t('partners.filter_kind')}>
          <button type="button" class="secondary" aria-pressed=${state.kind === '' ? 'true' : 'false'}
            @click=${() => { state.kind = ''; draw(); }}>${t('partners.all_kinds')} (${p.activities.length})</button>
          ${KINDS.map((k) => html`<button type="button" class="secondary" aria-pressed=${state.kind === k ? 'true' : 'false'}
            ?disabled=${!p.activity_counts?.[k]} @click=${() => { state.kind = k; draw(); }}>${kindLabel(k)} (${p.activity_counts?.[k] || 0})</button>`)}
        </div>
        ${shown.length === 0 ? emptyState(t('partners.no_activities')) : html`
        <div class="table-wrap"><table class="pa-activities">
          <caption class="pa-sr">${t('partners.activities')}</caption>
          <thead><tr>
            <th scope="col">${t('partners.col.ref')}</th><th scope="col">${t('partners.col.title')}</th>
            <th scope="col">${t('partners.col.kind')}</th><th scope="col">${t('partners.col.dates')}</th>
            <th scope="col">${t('partners.col.state')}</th><th scope="col">${t('partners.col.unit')}</th>
          </tr></thead>
          <tbody>${shown.map((a) => html`<tr data-id=${a.id}>
            <td class="ref"><a href=${`#/proposals/${a.id}`}>${a.ref}</a></td>
            <td><a href=${`#/proposals/${a.id}`}>${a.title}</a></td>
            <td>${kindLabel(a.kind)}</td>
            <td class="pa-nowrap">${dates(a)}</td>
            <td><span class="badge state" data-state=${a.state}>${stateLabel(a)}</span></td>
            <td>${a.unit?.code || ''}</td>
          </tr>`)}</tbody>
        </table></div>`}
      </section>`, main);
  };

  draw();
  try {
    const [partner, defs] = await Promise.all([
      get(`/api/partners/${encodeURIComponent(params.id)}`),
      workflows().catch(() => []),
    ]);
    for (const w of defs || [])
      for (const s of w.states || []) state.stateLabels.set(`${w.kind}/${s.id}`, s.label);
    state.partner = partner;
  } catch (error) {
    if (error.status === 401) return;
    state.error = error;
  }
  draw();
}
