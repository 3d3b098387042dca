// The opinions ICD asks of other bodies: who was asked, by when, whether it is overdue, the
// answer and its document. ICD officers and heads ask (a short form) and record each answer.
import { html, nothing, dueBadge } from '../ui.js';
import { t, fmtDate, fmtDateTime, message } from '../i18n.js';
import { post, patch } from '../api.js';

const BODIES = ['mofa', 'mps', 'mof', 'moj', 'vufo', 'province'];
export const ANSWERS = ['agree', 'agree_with_conditions', 'object'];

function plusDays(n) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// state: {asking: bool, answering: id|null, error: ApiError|null, busy}
// opts: {proposal, canManage, state, redraw, onChanged(text)}
export function consultationsSection({ proposal, canManage, state, redraw, onChanged }) {
  const list = proposal.consultations || [];
  const docName = (id) => (proposal.documents || []).find((d) => d.id === id)?.filename || `#${id}`;

  const ask = async (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    const body = f.body.value.trim();
    const due = f.due_on.value;
    if (!body || !due) {
      state.error = { message: t('proposal.consult_missing') };
      redraw();
      return;
    }
    state.busy = true;
    redraw();
    try {
      await post(`/api/proposals/${proposal.id}/consultations`, { body, due_on: due, note: f.note.value.trim() });
      state.asking = false;
      state.error = null;
      await onChanged(t('proposal.consult_asked', { body }));
    } catch (err) {
      state.error = err;
    }
    state.busy = false;
    redraw();
  };
  const answer = async (e, c) => {
    e.preventDefault();
    const f = e.currentTarget;
    const value = f.querySelector('input[name=answer]:checked')?.value;
    if (!value) {
      state.error = { message: t('proposal.answer_missing') };
      redraw();
      return;
    }
    const request = { answer: value, note: f.note.value.trim() };
    if (f.document_id.value) request.document_id = Number(f.document_id.value);
    state.busy = true;
    redraw();
    try {
      await patch(`/api/consultations/${c.id}`, request);
      state.answering = null;
      state.error = null;
      await onChanged(t('proposal.answer_recorded', { body: c.body }));
    } catch (err) {
      state.error = err;
    }
    state.busy = false;
    redraw();
  };

  const answerForm = (c) => html`<form class="answer-form" @submit=${(e) => answer(e, c)} novalidate>
    <fieldset><legend>${t('proposal.answer_of', { body: c.body })}</legend>
      ${ANSWERS.map((a) => html`<label class="choice"><input type="radio" name="answer" value=${a}> ${t(`proposal.answer_${a}`)}</label>`)}
    </fieldset>
    <label for=${`answer-note-${c.id}`}>${t('proposal.answer_note')}</label>
    <textarea id=${`answer-note-${c.id}`} name="note" rows="2"></textarea>
    <label for=${`answer-doc-${c.id}`}>${t('proposal.answer_document')}</label>
    <select id=${`answer-doc-${c.id}`} name="document_id">
      <option value="">${t('proposal.answer_no_document')}</option>
      ${(proposal.documents || []).map((d) => html`<option value=${d.id}>${d.filename}</option>`)}
    </select>
    <div class="buttons">
      <button type="button" class="secondary" @click=${() => { state.answering = null; state.error = null; redraw(); }}>${t('common.cancel')}</button>
      <button type="submit" class="primary" ?disabled=${state.busy}>${t('proposal.record_answer')}</button>
    </div></form>`;

  return html`<section class="card consultations" aria-labelledby="consultations-heading" id="consultations">
    <h2 id="consultations-heading">${t('proposal.consultations')}</h2>
    ${state.error ? html`<div class="error-box" role="alert">${state.error.errors?.length ? state.error.errors.map(message).join(' ') : state.error.message}</div>` : nothing}
    ${list.length === 0 ? html`<p class="muted">${t('proposal.no_consultations')}</p>` : html`
    <div class="table-wrap"><table>
      <caption class="visually-hidden">${t('proposal.consultations')}</caption>
      <thead><tr>
        <th scope="col">${t('proposal.consult_body')}</th><th scope="col">${t('proposal.consult_asked_col')}</th>
        <th scope="col">${t('proposal.consult_due')}</th><th scope="col">${t('proposal.consult_answer')}</th>
      </tr></thead>
      <tbody>${list.map((c) => html`<tr class=${c.overdue && !c.answer ? 'overdue' : ''}>
        <th scope="row">${c.body}${c.note ? html`<div class="muted small">${c.note}</div>` : nothing}</th>
        <td>${c.asked_by?.display_name || ''}<div class="muted small">${fmtDateTime(c.asked_at)}</div></td>
        <td>${c.answer ? html`<time datetime=${c.due_on}>${fmtDate(c.due_on)}</time>` : dueBadge(c.due_on, c.overdue)}</td>
        <td>${c.answer ? html`<span class=${`badge answer-${c.answer}`}>${t(`proposal.answer_${c.answer}`)}</span>
            ${c.answer_note ? html`<div>${c.answer_note}</div>` : nothing}
            <div class="muted small">${c.answered_by?.display_name || ''} · ${fmtDateTime(c.answered_at)}</div>
            ${c.document_id ? html`<a href=${`/api/documents/${c.document_id}`}>${docName(c.document_id)}</a>` : nothing}`
          : canManage ? (state.answering === c.id ? answerForm(c) : html`<span class="muted">${t('proposal.awaiting_answer')}</span>
            <button type="button" class="secondary small-button" @click=${() => { state.answering = c.id; state.error = null; redraw(); }}>${t('proposal.record_answer')}</button>`)
          : html`<span class="muted">${t('proposal.awaiting_answer')}</span>`}</td>
      </tr>`)}</tbody></table></div>`}
    ${canManage ? (state.asking ? html`<form class="ask-form" @submit=${ask} novalidate>
        <h3>${t('proposal.ask_opinion')}</h3>
        <label for="consult-body">${t('proposal.consult_body')}</label>
        <input id="consult-body" name="body" list="dl-bodies" required autocomplete="off">
        <datalist id="dl-bodies">${BODIES.map((b) => html`<option value=${t(`proposal.body_${b}`)}></option>`)}</datalist>
        <label for="consult-due">${t('proposal.consult_due')}</label>
        <input id="consult-due" name="due_on" type="date" class="short" required .value=${plusDays(15)} aria-describedby="consult-due-help">
        <p class="help" id="consult-due-help">${t('proposal.consult_due_help')}</p>
        <label for="consult-note">${t('proposal.consult_note')}</label>
        <textarea id="consult-note" name="note" rows="2"></textarea>
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => { state.asking = false; state.error = null; redraw(); }}>${t('common.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${state.busy}>${t('proposal.ask_opinion')}</button>
        </div></form>`
      : html`<button type="button" class="secondary" @click=${() => { state.asking = true; redraw(); requestAnimationFrame(() => document.getElementById('consult-body')?.focus()); }}>+ ${t('proposal.ask_opinion')}</button>`) : nothing}
  </section>`;
}
