// The documents of a proposal, one row per document type of its definition: the current
// file (download link, size, who uploaded it, when), the versions it replaced, and a drop
// zone with a file input to upload it or a new version, with a progress bar.
import { html, nothing } from '../ui.js';
import { t, label, fmtDateTime, fmtNumber, message } from '../i18n.js';
import { upload } from '../api.js';
import { evaluate } from './expression.js';

function size(bytes) {
  if (bytes < 1024) return t('proposal.bytes', { n: fmtNumber(bytes) });
  if (bytes < 1024 * 1024) return t('proposal.kilobytes', { n: fmtNumber(Math.round(bytes / 102.4) / 10) });
  return t('proposal.megabytes', { n: fmtNumber(Math.round(bytes / 104857.6) / 10) });
}

const stateIndex = (def, s) => def.states.findIndex((x) => x.id === s);

// Whether the document type is required now or by the next steps, for its marker.
function requirement(def, doc, proposal) {
  if (!doc.required_from) return '';
  if (doc.when && evaluate(doc.when, proposal.fields) === false) return '';
  const now = stateIndex(def, proposal.state);
  const from = stateIndex(def, doc.required_from);
  if (from <= now) return t('proposal.doc_required_now');
  const next = (proposal.allowed_actions || []).map((a) => stateIndex(def, a.to))
    .filter((i) => i > now && !def.states[i]?.skip_requirements && !def.states[i]?.terminal);
  if (next.some((i) => from <= i)) return t('proposal.doc_required_next');
  return t('proposal.doc_required_from', { state: label(def.states[from]?.label) });
}

// state: {all: [documents incl. old versions] | null, uploading: {type: fraction}, errors: {type: error}}
// opts: {proposal, definition, canUpload, state, onUploaded()}
export function documentsSection({ proposal, definition, canUpload, state, redraw, onUploaded }) {
  const current = new Map((proposal.documents || []).map((d) => [d.type, d]));
  const older = (type) => (state.all || []).filter((d) => d.type === type && d.replaced_by);

  const send = async (type, file) => {
    if (!file) return;
    state.errors[type] = null;
    state.uploading[type] = 0;
    redraw();
    const form = new FormData();
    form.append('type', type);
    if (current.get(type)) form.append('replaces', String(current.get(type).id));
    form.append('file', file);
    try {
      await upload(`/api/proposals/${proposal.id}/documents`, form, (f) => { state.uploading[type] = f; redraw(); });
      delete state.uploading[type];
      await onUploaded(type, file.name);
    } catch (e) {
      delete state.uploading[type];
      state.errors[type] = e;
      redraw();
    }
  };
  const uploadError = (e) => (e.status === 415 ? t('proposal.upload_type_refused')
    : e.status === 413 ? t('proposal.upload_too_large')
    : e.status === 403 ? t('error.forbidden')
    : e.errors?.length ? e.errors.map(message).join(' ') : e.message);

  const dropZone = (doc) => {
    const type = doc.type;
    const busy = type in state.uploading;
    const has = current.has(type);
    return html`<div class="drop-zone" data-type=${type}
      @dragover=${(e) => { e.preventDefault(); e.currentTarget.classList.add('over'); }}
      @dragleave=${(e) => e.currentTarget.classList.remove('over')}
      @drop=${(e) => { e.preventDefault(); e.currentTarget.classList.remove('over'); if (!busy) send(type, e.dataTransfer.files[0]); }}>
      <label for=${`doc-file-${type}`} class="sub">${has ? t('proposal.upload_new_version', { type: label(doc.label) }) : t('proposal.upload_file', { type: label(doc.label) })}</label>
      <input type="file" id=${`doc-file-${type}`} ?disabled=${busy} aria-describedby="doc-hint"
        accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"
        @change=${(e) => { send(type, e.target.files[0]); e.target.value = ''; }}>
      ${busy ? html`<progress max="1" .value=${state.uploading[type]} aria-label=${t('proposal.uploading', { type: label(doc.label) })}></progress>
        <span class="muted">${Math.round(state.uploading[type] * 100)}%</span>` : nothing}
      ${state.errors[type] ? html`<p class="field-error" role="alert">${uploadError(state.errors[type])}</p>` : nothing}
    </div>`;
  };

  const types = definition.documents || [];
  return html`<section class="card documents" aria-labelledby="documents-heading" id="documents">
    <h2 id="documents-heading">${t('proposal.documents')}</h2>
    ${canUpload ? html`<p class="help" id="doc-hint">${t('proposal.drop_hint')}</p>` : nothing}
    <ul class="doc-list">${types.map((doc) => {
      const d = current.get(doc.type);
      const need = requirement(definition, doc, proposal);
      const old = older(doc.type);
      return html`<li class=${`doc ${d ? 'present' : 'missing'}`} data-type=${doc.type} id=${`doc-${doc.type}`}>
        <div class="doc-head">
          <span class="doc-type">${label(doc.label)}</span>
          ${need ? html`<span class=${`badge ${d ? 'ok' : 'need'}`}>${need}</span>` : nothing}
        </div>
        ${d ? html`<p class="doc-file"><a href=${`/api/documents/${d.id}`} download=${d.filename}>${d.filename}</a>
          <span class="muted">· ${size(d.size)} · ${d.uploaded_by?.display_name || ''} · ${fmtDateTime(d.uploaded_at)}</span></p>`
          : html`<p class="muted">${t('proposal.no_document')}</p>`}
        ${old.length ? html`<details><summary>${t('proposal.older_versions', { n: old.length })}</summary>
          <ul>${old.map((o) => html`<li><a href=${`/api/documents/${o.id}`} download=${o.filename}>${o.filename}</a>
            <span class="muted">· ${size(o.size)} · ${fmtDateTime(o.uploaded_at)}</span></li>`)}</ul></details>` : nothing}
        ${canUpload ? dropZone(doc) : nothing}
      </li>`;
    })}</ul>
  </section>`;
}
