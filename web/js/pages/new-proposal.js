// Tạo hồ sơ / New proposal. #/new lists the five kinds with what each covers; #/new/:kind is
// the form generated from that kind's workflow definition. Saving makes a draft and opens
// its page, where documents are attached and the proposal is submitted.
import { get, post, withQuery } from '../api.js';
import { t, label } from '../i18n.js';
import { navigate } from '../router.js';
import { html, render, nothing, errorBox, loading, setTitle, kindLabel, announce } from '../ui.js';
import { workflows, partners as loadPartners, KINDS } from '../reference.js';
import { ProposalForm } from '../components/proposal-form.js';
import { hasRole } from '../app.js';

function chooser(el, defs) {
  setTitle(t('form.choose_title'));
  const byKind = new Map(defs.map((d) => [d.kind, d]));
  render(html`
    <div class="page-head"><h1>${t('form.choose_title')}</h1></div>
    <p class="muted">${t('form.choose_intro')}</p>
    <ul class="kind-choices">${KINDS.filter((k) => byKind.has(k)).map((k) => html`<li>
      <a class="kind-choice" href=${`#/new/${k}`}>
        <span class="kind-name">${label(byKind.get(k).title) || kindLabel(k)}</span>
        <span class="kind-description">${label(byKind.get(k).description)}</span>
      </a></li>`)}</ul>`, el);
}

export async function mount(el, { params, session }) {
  if (!hasRole('staff', 'icd_officer', 'unit_head')) {
    setTitle(t('form.choose_title'));
    render(html`<h1>${t('form.choose_title')}</h1>${errorBox({ status: 403 })}`, el);
    return;
  }
  const all = await workflows();
  const defs = Array.isArray(all) ? all : [];
  if (!params.kind) {
    chooser(el, defs);
    return;
  }
  const def = defs.find((d) => d.kind === params.kind);
  if (!def) {
    setTitle(t('error.not_found'));
    render(html`<h1>${t('error.not_found')}</h1><p><a href="#/new">${t('form.back_to_kinds')}</a></p>`, el);
    return;
  }
  const heading = t('form.new_title', { kind: label(def.title) });
  setTitle(heading);
  render(html`<h1>${heading}</h1>${loading(10)}`, el);

  const year = new Date().getFullYear();
  const [partnerList, planThis, planNext] = await Promise.all([
    loadPartners(),
    get(withQuery('/api/plan-items', { year })).catch(() => []),
    get(withQuery('/api/plan-items', { year: year + 1 })).catch(() => []),
  ]);
  const mine = [...planThis, ...planNext].filter((p) => !session.user.unit || p.unit?.id === session.user.unit.id);
  let error = null;
  const form = new ProposalForm({
    definition: def, partners: partnerList, planItems: mine, mode: 'create', redraw: () => draw(),
  });

  const save = async (body) => {
    form.busy = true;
    error = null;
    draw();
    try {
      const created = await post('/api/proposals', { kind: def.kind, ...body });
      announce(t('form.created', { ref: created.ref }));
      navigate(`/proposals/${created.id}`, { created: 1 });
    } catch (e) {
      form.busy = false;
      if (e.status === 422 && e.errors.length) {
        form.setErrors(e.errors, t('form.server_refused', { n: e.errors.length }));
        draw();
        form.focusFirstError();
        return;
      }
      error = e;
      draw();
    }
  };

  const draw = () => render(html`
    <p class="back"><a href="#/new">← ${t('form.back_to_kinds')}</a></p>
    <div class="page-head"><h1>${heading}</h1></div>
    ${def.description ? html`<p class="muted">${label(def.description)}</p>` : nothing}
    <p class="notice">${t('form.draft_notice')}</p>
    ${errorBox(error)}
    <section class="card">
      ${form.template({
        submitLabel: t('form.save_draft'),
        onSubmit: save,
        onCancel: () => navigate('/work'),
        cancelLabel: t('form.discard'),
      })}
    </section>`, el);
  draw();
}
