// The proposal's audit trail as a timeline: every step and record, who took it (and for which
// leader, when a deputy acted), when in the reader's time zone, from which state to which,
// and the comment. Below it, what was checked of the hash chain, worded for what was checked.
import { html, nothing } from '../ui.js';
import { t, has, label, fmtDateTime } from '../i18n.js';

const HASH = /^[0-9a-f]{64}$/;

// The label of an entry's action: the workflow step's own label, or one of the records.
function actionText(entry, definition) {
  if (entry.action_label) return label(entry.action_label);
  if (has(`proposal.history_${entry.action}`)) return t(`proposal.history_${entry.action}`);
  const tr = definition?.transitions.find((x) => x.action === entry.action);
  return tr ? label(tr.label) : entry.action;
}

function stateText(state, stateLabel, definition) {
  if (stateLabel) return label(stateLabel);
  const s = definition?.states.find((x) => x.id === state);
  return s ? label(s.label) : state;
}

// What the record itself says, for the records that are not steps.
function detail(entry) {
  const p = entry.payload || {};
  if (entry.action === 'upload_document' && p.filename) return p.filename;
  if (entry.action === 'ask_opinion' && p.body) return p.body;
  if (entry.action === 'record_opinion' && p.answer) return `${p.body ? `${p.body}: ` : ''}${has(`proposal.answer_${p.answer}`) ? t(`proposal.answer_${p.answer}`) : p.answer}`;
  if (entry.action === 'edit' && p.fields) return t('proposal.history_fields', { n: Object.keys(p.fields).length });
  return '';
}

// verify: {ok, entries} from /api/audit/verify, 'forbidden', 'failed', or null while loading.
export function timelineSection({ history, definition, verify }) {
  if (!history) return nothing;
  const hashed = history.filter((e) => HASH.test(e.hash || '')).length;
  let integrity;
  if (verify && typeof verify === 'object') {
    integrity = verify.ok
      ? html`<p class="integrity ok"><span aria-hidden="true">✔</span> ${t('proposal.chain_verified', { n: verify.entries })}</p>`
      : html`<p class="integrity bad" role="alert"><span aria-hidden="true">✘</span> ${t('proposal.chain_broken', { seq: verify.first_bad ?? '?' })}</p>`;
  } else {
    integrity = html`<p class="integrity ${hashed === history.length ? 'partial' : 'bad'}">
      <span aria-hidden="true">#</span> ${t('proposal.chain_hashes', { n: hashed, total: history.length })}
      ${verify === 'forbidden' ? t('proposal.chain_not_checked') : verify === 'failed' ? t('proposal.chain_check_failed') : ''}</p>`;
  }
  return html`<section class="card timeline" aria-labelledby="timeline-heading" id="timeline">
    <h2 id="timeline-heading">${t('proposal.timeline')}</h2>
    <ol class="steps">${history.map((e) => {
      const moved = e.from && e.to && e.from !== e.to;
      return html`<li class="step" data-action=${e.action} data-seq=${e.seq}>
        <div class="step-head">
          <strong class="step-action">${actionText(e, definition)}</strong>
          <time datetime=${e.at}>${fmtDateTime(e.at)}</time>
        </div>
        <div class="step-actor">${e.actor?.display_name || ''}${e.on_behalf_of ? html` <span class="on-behalf">${t('proposal.on_behalf_of', { name: e.on_behalf_of.display_name })}</span>` : nothing}</div>
        ${moved || !e.from ? html`<div class="step-states">${e.from ? html`${stateText(e.from, e.from_label, definition)} <span aria-label=${t('proposal.to')}>→</span> ` : nothing}<span class="badge state" data-state=${e.to}>${stateText(e.to, e.to_label, definition)}</span></div>` : nothing}
        ${detail(e) ? html`<div class="step-detail muted">${detail(e)}</div>` : nothing}
        ${e.comment ? html`<blockquote class="step-comment">${e.comment}</blockquote>` : nothing}
      </li>`;
    })}</ol>
    ${integrity}
  </section>`;
}

// The comments thread and a box to add one (for those who may: not auditors or admins).
export function commentsSection({ comments, canComment, state, onPost }) {
  const submit = async (e) => {
    e.preventDefault();
    const box = e.currentTarget.querySelector('textarea');
    const body = box.value.trim();
    if (!body) {
      state.error = t('proposal.comment_empty');
      onPost(null);
      return;
    }
    if (await onPost(body)) box.value = '';
  };
  return html`<section class="card comments" aria-labelledby="comments-heading" id="comments">
    <h2 id="comments-heading">${t('proposal.comments')}</h2>
    ${comments === null ? html`<p class="muted">${t('common.loading')}</p>`
      : comments.length === 0 ? html`<p class="muted">${t('proposal.no_comments')}</p>`
      : html`<ol class="comment-list">${comments.map((c) => html`<li>
          <div class="step-head"><strong>${c.author?.display_name}</strong> <time datetime=${c.at}>${fmtDateTime(c.at)}</time></div>
          <div class="long-text">${c.body}</div></li>`)}</ol>`}
    ${canComment ? html`<form @submit=${submit} novalidate>
      <label for="comment-body">${t('proposal.add_comment')}</label>
      <textarea id="comment-body" rows="2" aria-describedby="comment-error" aria-invalid=${state.error ? 'true' : 'false'}></textarea>
      <p class="field-error" id="comment-error">${state.error || ''}</p>
      <div class="buttons"><button type="submit" class="secondary" ?disabled=${state.busy}>${t('proposal.post_comment')}</button></div>
    </form>` : nothing}
  </section>`;
}
