// Hồ sơ / One proposal: its header (ref, kind, state, unit, creator, deadline, plan), the steps
// the user may take now with the warnings beside them, the fields (read-only, or the form when
// editable), documents, consultations, comments and the timeline of every step.
import { get, post, patch } from '../api.js';
import { t, label, fmtDateTime } from '../i18n.js';
import { html, render, nothing, errorBox, loading, setTitle, stateBadge, dueBadge, kindLabel, announce } from '../ui.js';
import { workflows, partners as loadPartners } from '../reference.js';
import { hasRole, refreshCounts } from '../app.js';
import { ProposalForm, isDraftingField, isVisible } from '../components/proposal-form.js';
import { fieldValue, focusField } from '../components/field-input.js';
import { actionsPanel, confirmAction } from '../components/actions.js';
import { documentsSection } from '../components/documents.js';
import { consultationsSection } from '../components/consultations.js';
import { timelineSection, commentsSection } from '../components/timeline.js';

const FIELD_CODES = new Set(['missing_field', 'invalid_field']);

export async function mount(el, { params, query, session }) {
  const id = Number(params.id);
  const user = session.user;
  const s = {
    proposal: null, def: null, partners: [], history: null, comments: null, verify: null, plan: null,
    editing: null, notice: query.get('created') ? { kind: 'ok', text: 'created' } : null,
    refused: null, busy: false, error: null,
    docs: { all: null, uploading: {}, errors: {} },
    consult: { asking: false, answering: null, error: null, busy: false },
    comment: { error: '', busy: false },
  };
  const readOnlyRole = !user.roles.some((r) => r !== 'auditor' && r !== 'admin');
  let alive = true;

  setTitle(t('proposal.page_title'));
  render(loading(12), el);

  const loadProposal = async () => {
    s.proposal = await get(`/api/proposals/${id}`);
    setTitle(`${s.proposal.ref} — ${s.proposal.title}`);
  };
  const loadSide = async () => {
    const p = s.proposal;
    const [history, comments, all] = await Promise.all([
      get(`/api/proposals/${id}/history`),
      get(`/api/proposals/${id}/comments`).catch(() => []),
      get(`/api/proposals/${id}/documents`).catch(() => null),
    ]);
    s.history = history;
    s.comments = comments;
    s.docs.all = all;
    if (p.plan_item_id && s.plan?.id !== p.plan_item_id) s.plan = await get(`/api/plan-items/${p.plan_item_id}`).catch(() => null);
    if (hasRole('auditor', 'admin')) {
      try {
        s.verify = await get('/api/audit/verify');
      } catch (e) {
        s.verify = e.status === 403 ? 'forbidden' : 'failed';
      }
    } else {
      s.verify = 'forbidden';
    }
  };

  try {
    const [, defs, partnerList] = await Promise.all([loadProposal(), workflows(), loadPartners().catch(() => [])]);
    s.def = (Array.isArray(defs) ? defs : []).find((d) => d.kind === s.proposal.kind);
    s.partners = partnerList;
    await loadSide();
  } catch (error) {
    if (error.status === 401) return undefined;
    setTitle(t('proposal.page_title'));
    render(html`<h1>${t('proposal.page_title')}</h1>${errorBox(error)}<p><a href="#/proposals">${t('proposal.back_to_list')}</a></p>`, el);
    return undefined;
  }

  const draw = () => { if (alive) render(view(), el); };
  const focusNotice = () => requestAnimationFrame(() => el.querySelector('#proposal-notice')?.focus());

  // Reloads after someone else changed the proposal; says what changed.
  const reloadAfterConflict = async (kind) => {
    const before = s.proposal;
    await loadProposal();
    await loadSide();
    const last = s.history[s.history.length - 1];
    s.notice = {
      kind: 'conflict',
      text: kind === 'edit' ? t('proposal.conflict_edit', { name: last?.actor?.display_name || '', at: fmtDateTime(last?.at) })
        : t('proposal.conflict_action', {
          name: last?.actor?.display_name || '',
          action: last?.action_label ? label(last.action_label) : last?.action || '',
          state: label(s.proposal.state_label),
          before: label(before.state_label),
        }),
    };
  };

  const startEdit = (errors, summary) => {
    s.editing = new ProposalForm({
      definition: s.def, partners: s.partners, mode: 'edit', redraw: draw,
      initial: { title: s.proposal.title, fields: s.proposal.fields },
    });
    if (errors?.length) s.editing.setErrors(errors, summary);
  };

  const saveEdit = async (body) => {
    s.editing.busy = true;
    draw();
    try {
      s.proposal = await patch(`/api/proposals/${id}`, body, { headers: { 'If-Match': `"${s.proposal.version}"` } });
      s.editing = null;
      s.notice = { kind: 'ok', text: t('proposal.saved') };
      s.refused = null;
      await loadSide();
      announce(t('proposal.saved'));
      draw();
      focusNotice();
    } catch (e) {
      if (s.editing) s.editing.busy = false;
      if (e.status === 422 && e.errors.length) {
        s.editing.setErrors(e.errors, t('form.server_refused', { n: e.errors.length }));
        draw();
        s.editing.focusFirstError();
        return;
      }
      if (e.status === 412 || e.status === 409) {
        s.editing = null;
        await reloadAfterConflict('edit');
        if (e.status === 409) s.notice.text = t('proposal.not_editable_now', { state: label(s.proposal.state_label) });
        draw();
        focusNotice();
        return;
      }
      s.error = e;
      draw();
    }
  };

  // The field or document a reason names: the form opens on it when the proposal is editable.
  const goToReason = (reason, all) => {
    if (reason.code === 'missing_document') {
      const input = el.querySelector(`#doc-file-${CSS.escape(reason.field)}`) || el.querySelector(`#doc-${CSS.escape(reason.field)}`);
      input?.scrollIntoView({ block: 'center' });
      input?.focus();
      return;
    }
    if (s.proposal.editable) {
      const errors = (all || [reason]).filter((r) => FIELD_CODES.has(r.code));
      if (!s.editing) startEdit(errors, t('proposal.missing_for_step', { n: errors.length }));
      else s.editing.setErrors(errors, t('proposal.missing_for_step', { n: errors.length }));
      draw();
      requestAnimationFrame(() => focusField(reason.field));
    } else {
      el.querySelector(`[data-field="${CSS.escape(reason.field)}"]`)?.scrollIntoView({ block: 'center' });
    }
  };

  const act = async (action) => {
    const answer = await confirmAction(action, { proposal: s.proposal, definition: s.def, partners: s.partners, user });
    if (!answer) return;
    s.busy = true;
    s.refused = null;
    draw();
    try {
      const body = { action: action.action, expected_version: s.proposal.version };
      if (answer.comment) body.comment = answer.comment;
      if (answer.fields && Object.keys(answer.fields).length) body.fields = answer.fields;
      s.proposal = await post(`/api/proposals/${id}/actions`, body);
      s.editing = null;
      s.notice = { kind: 'ok', text: t('proposal.action_done', { action: label(action.label), state: label(s.proposal.state_label) }) };
      await loadSide();
      announce(s.notice.text);
      refreshCounts();
    } catch (e) {
      if (e.status === 409) {
        await reloadAfterConflict('action');
      } else {
        s.refused = e;
        if (e.status === 422 && s.proposal.editable && e.errors.some((r) => FIELD_CODES.has(r.code))) {
          const errors = e.errors.filter((r) => FIELD_CODES.has(r.code));
          startEdit(errors, t('proposal.missing_for_step', { n: errors.length }));
        }
      }
    }
    s.busy = false;
    draw();
    if (s.refused) requestAnimationFrame(() => el.querySelector('#action-refused')?.focus?.());
    focusNotice();
  };

  const postComment = async (body) => {
    if (body === null) { draw(); return false; }
    s.comment.busy = true;
    s.comment.error = '';
    draw();
    try {
      await post(`/api/proposals/${id}/comments`, { body });
      s.comments = await get(`/api/proposals/${id}/comments`);
      return true;
    } catch (e) {
      s.comment.error = e.status === 403 ? t('error.forbidden') : e.message;
      return false;
    } finally {
      s.comment.busy = false;
      draw();
    }
  };

  const afterChange = async (text) => {
    await loadProposal();
    await loadSide();
    s.notice = { kind: 'ok', text };
    announce(text);
    draw();
  };

  const noticeText = () => (s.notice?.text === 'created'
    ? t('proposal.created_next', { ref: s.proposal.ref }) : s.notice?.text);

  const fieldsView = () => {
    const p = s.proposal;
    const shown = (s.def?.fields || []).filter((f) => (isDraftingField(s.def, f) && isVisible(f, p.fields))
      || (p.fields[f.name] !== undefined && p.fields[f.name] !== null));
    return html`<dl class="fields">${shown.map((f) => html`<div class=${`field-row type-${f.type}`} data-field=${f.name}>
      <dt>${label(f.label)}</dt><dd>${fieldValue(f, p.fields[f.name], { partners: s.partners })}</dd></div>`)}</dl>`;
  };

  const header = () => {
    const p = s.proposal;
    return html`
      <p class="back"><a href="#/proposals">← ${t('proposal.back_to_list')}</a></p>
      <div class="proposal-head">
        <h1>${p.title}</h1>
        <p class="ref-line"><span class="ref">${p.ref}</span> · <span>${label(s.def?.title) || kindLabel(p.kind)}</span> · ${stateBadge(p)}</p>
      </div>
      ${s.notice ? html`<div id="proposal-notice" tabindex="-1" role=${s.notice.kind === 'conflict' ? 'alert' : 'status'}
        class=${s.notice.kind === 'conflict' ? 'notice conflict' : 'notice ok'}>${noticeText()}
        <button type="button" class="link" @click=${() => { s.notice = null; draw(); }}>${t('common.close')}</button></div>` : nothing}
      ${errorBox(s.error)}
      <dl class="meta">
        <div><dt>${t('proposal.unit')}</dt><dd>${label(p.unit?.name)} (${p.unit?.code})</dd></div>
        <div><dt>${t('proposal.creator')}</dt><dd>${p.created_by?.display_name || ''}</dd></div>
        <div><dt>${t('proposal.created')}</dt><dd>${fmtDateTime(p.created_at)}</dd></div>
        <div><dt>${t('proposal.deadline')}</dt><dd>${p.terminal ? html`<span class="muted">${t('proposal.finished')}</span>` : dueBadge(p.due_at, p.overdue)}
          ${p.deadline?.source ? html`<details class="source"><summary>${t('proposal.legal_source')}</summary><p>${p.deadline.source}</p>
            ${p.deadline.approximate ? html`<p class="muted">${t('proposal.deadline_approximate')}</p>` : nothing}</details>` : nothing}</dd></div>
        <div><dt>${t('proposal.plan')}</dt><dd>${p.plan_item_id
          ? html`<a href=${`#/plan?year=${s.plan?.year || ''}`}>${s.plan ? `${s.plan.year} — ${s.plan.title}` : `#${p.plan_item_id}`}</a>`
          : html`<span class="flag outside-plan">${t('proposal.outside_plan')}</span>`}</dd></div>
      </dl>`;
  };

  const view = () => {
    const p = s.proposal;
    return html`
      ${header()}
      ${actionsPanel({
        proposal: p, user, busy: s.busy, onAct: act, refused: s.refused,
        onReason: (r) => goToReason(r, (p.allowed_actions.find((a) => a.reasons?.includes(r))?.reasons) || s.refused?.errors),
      })}
      <div class="proposal-layout">
        <div class="main-col">
          <section class="card" aria-labelledby="fields-heading" id="fields">
            <div class="section-head">
              <h2 id="fields-heading">${t('proposal.fields')}</h2>
              ${p.editable && !s.editing ? html`<button type="button" class="secondary" id="edit-button"
                @click=${() => { startEdit(); draw(); requestAnimationFrame(() => el.querySelector('#f-title')?.focus()); }}>${t('proposal.edit')}</button>` : nothing}
            </div>
            ${s.editing ? s.editing.template({
              submitLabel: t('proposal.save_changes'),
              onSubmit: saveEdit,
              onCancel: () => { s.editing = null; draw(); requestAnimationFrame(() => el.querySelector('#edit-button')?.focus()); },
            }) : fieldsView()}
          </section>
          ${documentsSection({
            proposal: p, definition: s.def, canUpload: !p.terminal && !readOnlyRole, state: s.docs, redraw: draw,
            onUploaded: (type, name) => afterChange(t('proposal.uploaded', { name })),
          })}
          ${consultationsSection({
            proposal: p, canManage: hasRole('icd_officer', 'icd_head') && !p.terminal, state: s.consult, redraw: draw,
            onChanged: afterChange,
          })}
        </div>
        <div class="side-col">
          ${timelineSection({ history: s.history, definition: s.def, verify: s.verify })}
          ${commentsSection({ comments: s.comments, canComment: !readOnlyRole, state: s.comment, onPost: postComment })}
        </div>
      </div>`;
  };

  draw();
  if (s.notice) focusNotice();
  // The "just created" notice is for this visit only: a reload or a bookmark should not repeat it.
  if (query.get('created')) history.replaceState(null, '', `#/proposals/${id}`);
  return () => { alive = false; };
}
