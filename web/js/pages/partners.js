// Đối tác / Partners: every foreign partner, searched as one types (accent-insensitive) and
// filtered by type; ICD and administrators add partners here. Filters live in the hash.
import { t, label, countryName } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, announce } from '../ui.js';
import { partners as loadPartners } from '../reference.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../app.js';
import { partnerDialog, partnerTypeLabel, PARTNER_TYPES } from '../components/partner-form.js';

// "Hàn Quốc" and "han quoc" compare equal: no case, no diacritics, đ as d.
export function fold(s) {
  return (s || '').normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function canEditPartners() {
  return hasRole('icd_officer', 'icd_head', 'admin');
}

export async function mount(main, { query }) {
  setTitle(t('partners.title'));
  const state = { items: null, error: null, q: query.get('q') || '', type: query.get('type') || '' };
  const mayEdit = canEditPartners();

  const keepInHash = () => history.replaceState(null, '', href('/partners', { q: state.q, type: state.type }));

  const visible = () => {
    const words = fold(state.q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return (state.items || []).filter((p) => {
      if (state.type && p.type !== state.type) return false;
      // Each word typed starts a word of the names ("han" finds "Hàn", not "Nhân").
      const hay = fold(`${p.name_vi} ${p.name_en} ${p.acronym} ${countryName(p.country)}`).split(/[^\p{L}\p{N}]+/u);
      return words.every((w) => hay.some((h) => h.startsWith(w)));
    });
  };

  const add = async () => {
    const saved = await partnerDialog();
    if (!saved) return;
    announce(t('partners.added', { name: label({ vi: saved.name_vi, en: saved.name_en }) }));
    navigate(`/partners/${saved.id}`);
  };

  const draw = () => {
    const list = visible();
    render(html`
      <div class="page-head">
        <h1>${t('partners.title')}</h1>
        ${mayEdit ? html`<button type="button" class="primary" id="add-partner" @click=${add}>${t('partners.add')}</button>` : nothing}
      </div>
      <form class="filters pa-filters" role="search" @submit=${(e) => e.preventDefault()}>
        <div class="pa-search">
          <label for="partner-q">${t('partners.search')}</label>
          <input id="partner-q" type="search" .value=${state.q} placeholder=${t('partners.search_placeholder')}
            @input=${(e) => { state.q = e.target.value; keepInHash(); draw(); }}>
        </div>
        <div>
          <label for="partner-type">${t('partners.field.type')}</label>
          <select id="partner-type" @change=${(e) => { state.type = e.target.value; keepInHash(); draw(); }}>
            <option value="" ?selected=${!state.type}>${t('partners.all_types')}</option>
            ${PARTNER_TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === state.type}>${partnerTypeLabel(ty)}</option>`)}
          </select>
        </div>
      </form>
      ${errorBox(state.error)}
      ${state.items === null ? loading(8) : html`
        <p class="muted pa-count" role="status">${t('partners.count', { n: list.length, total: state.items.length })}</p>
        ${list.length === 0 ? emptyState(t('partners.none_found')) : html`
        <div class="table-wrap"><table class="pa-partners">
          <caption class="pa-sr">${t('partners.title')}</caption>
          <thead><tr>
            <th scope="col">${t('partners.field.name')}</th>
            <th scope="col">${t('partners.field.acronym')}</th>
            <th scope="col">${t('partners.field.type')}</th>
            <th scope="col">${t('partners.field.country')}</th>
          </tr></thead>
          <tbody>${list.map((p) => html`<tr data-id=${p.id}>
            <th scope="row" class="pa-name"><a href=${`#/partners/${p.id}`}>${label({ vi: p.name_vi, en: p.name_en })}</a>
              <span class="muted pa-other" lang=${label({ vi: 'en', en: 'vi' })}>${label({ vi: p.name_en, en: p.name_vi })}</span></th>
            <td>${p.acronym}</td>
            <td>${partnerTypeLabel(p.type)}</td>
            <td>${p.country ? countryName(p.country) : html`<span class="muted">${t('partners.international')}</span>`}</td>
          </tr>`)}</tbody>
        </table></div>`}`}`, main);
  };

  draw();
  try {
    const items = await loadPartners();
    state.items = [...items].sort((a, b) => label({ vi: a.name_vi, en: a.name_en })
      .localeCompare(label({ vi: b.name_vi, en: b.name_en }), undefined, { sensitivity: 'base' }));
  } catch (error) {
    if (error.status === 401) return;
    state.error = error;
    state.items = [];
  }
  draw();
}
