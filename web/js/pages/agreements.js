// Thỏa thuận quốc tế đang chờ / Pending agreements: every agreement not yet in force, as
// columns by step in the definition's order (the states of stage "pending"), each card with
// its partner, days at the step, whom it waits for and its deadline. A card offers the steps
// its proposal allows this user (fetched when asked for), so a card moves across the board
// with the keyboard as well as the mouse. Below, the agreements expiring within 90 days.
import { get, post, withQuery } from '../api.js';
import { t, label, fmtDate, fmtNumber, message } from '../i18n.js';
import { html, render, nothing, loading, errorBox, emptyState, setTitle, announce, dueBadge, daysSince, daysUntil, roleLabel } from '../ui.js';
import { workflow, partners, byId } from '../reference.js';
import { refreshCounts, hasRole, session } from '../app.js';
import { confirmAction } from '../components/actions.js';

// The most urgent cards of each step (sorted by due date); the rest are a link to the list away.
// A column of hundreds is unreadable and slow to draw.
const PER_COLUMN = 30;

export async function mount(main) {
  setTitle(t('board.title'));
  const view = {
    definition: null, columns: null, expiring: null, total: 0, overdue: 0,
    error: null, notice: null, partnerMap: new Map(), steps: new Map(), busy: false,
  };
  let alive = true;

  const partnerName = (id) => {
    const p = view.partnerMap.get(id);
    return p ? label({ vi: p.name_vi, en: p.name_en }) : '';
  };

  // Which roles can take any step of an agreement: others (auditors, finance) only read.
  const mayAct = () => {
    const roles = new Set((view.definition?.transitions || []).flatMap((tr) => tr.roles || []));
    return hasRole(...roles);
  };

  async function load() {
    const [definition, dashboard, partnerMap] = await Promise.all([
      workflow('agreement'), get('/api/dashboard'), byId(partners)]);
    view.definition = definition;
    view.partnerMap = partnerMap;
    const counts = new Map((dashboard.pending || []).filter((p) => p.kind === 'agreement').map((p) => [p.state, p]));
    const pendingStates = (definition?.states || []).filter((s) => s.stage === 'pending' && !s.terminal);
    // One request per step that holds any agreement, in parallel; empty steps cost nothing.
    const pages = await Promise.all(pendingStates.map((s) => (counts.get(s.id)?.count
      ? get(withQuery('/api/proposals', { kind: 'agreement', state: s.id, sort: 'due', limit: PER_COLUMN }))
      : { items: [], next_cursor: null })));
    view.columns = pendingStates.map((s, i) => ({
      state: s, items: pages[i].items,
      count: Math.max(counts.get(s.id)?.count || 0, pages[i].items.length),
      overdue: counts.get(s.id)?.overdue ?? pages[i].items.filter((p) => p.overdue).length,
      more: !!pages[i].next_cursor,
    }));
    view.total = view.columns.reduce((n, c) => n + c.count, 0);
    view.overdue = view.columns.reduce((n, c) => n + c.overdue, 0);
    view.expiring = dashboard.agreements?.expiring_90_days || [];
    view.steps.clear();
  }

  async function reload() {
    try {
      await load();
      view.error = null;
    } catch (error) {
      if (error.status === 401) return;
      view.error = error;
    }
    if (alive) draw();
  }

  async function toggleSteps(p) {
    if (view.steps.has(p.id)) {
      view.steps.delete(p.id);
      draw();
      return;
    }
    view.steps.set(p.id, { loading: true });
    draw();
    try {
      const detail = await get(`/api/proposals/${p.id}`);
      view.steps.set(p.id, { detail });
    } catch (error) {
      view.steps.set(p.id, { error });
    }
    if (!alive) return;
    draw();
    const first = main.querySelector(`#steps-${p.id} button, #steps-${p.id} [role="alert"], #steps-${p.id} p`);
    if (first?.tagName === 'BUTTON') first.focus();
  }

  async function takeStep(detail, action) {
    let after;
    try {
      after = await confirmAction(action, {
        proposal: detail, definition: view.definition, partners: [...view.partnerMap.values()], user: session.user,
        submit: ({ comment, fields }) => post(`/api/proposals/${detail.id}/actions`, {
          action: action.action, expected_version: detail.version,
          ...(comment ? { comment } : {}), ...(Object.keys(fields).length ? { fields } : {}),
        }),
      });
    } catch (error) {
      if (error.status === 401) return;
      view.notice = error.status === 409
        ? { kind: 'conflict', text: t('board.conflict', { ref: detail.ref }) }
        : { kind: 'error', error };
      await reload();
      main.querySelector('.board-notice')?.focus();
      return;
    }
    if (!after) {
      main.querySelector(`[data-id="${detail.id}"] .steps-toggle`)?.focus();
      return;
    }
    view.notice = null;
    await reload();
    refreshCounts();
    const stillPending = view.columns.some((c) => c.items.some((p) => p.id === after.id));
    const text = stillPending
      ? t('board.moved', { ref: after.ref, state: label(after.state_label) })
      : t('board.left', { ref: after.ref, state: label(after.state_label) });
    view.notice = { kind: 'ok', text };
    draw();
    announce(text);
    const card = main.querySelector(`[data-id="${after.id}"] .steps-toggle`);
    (card || main.querySelector('.board-notice'))?.focus();
  }

  function stepsPanel(p) {
    const s = view.steps.get(p.id);
    if (!s) return nothing;
    let body;
    if (s.loading) body = html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`;
    else if (s.error) body = errorBox(s.error);
    else {
      const actions = s.detail.allowed_actions || [];
      const enabled = actions.filter((a) => a.enabled);
      const disabled = actions.filter((a) => !a.enabled);
      body = html`
        ${enabled.length ? html`<ul class="step-buttons">${enabled.map((a) => html`<li>
          <button type="button" class=${a.needs_comment ? 'secondary' : 'primary'} @click=${() => takeStep(s.detail, a)}>
            ${label(a.label)}${a.to_label ? html`<span class="to"> → ${label(a.to_label)}</span>` : nothing}</button></li>`)}</ul>`
          : html`<p class="muted">${t('board.no_steps')}</p>`}
        ${disabled.length ? html`<ul class="step-disabled">${disabled.map((a) => html`<li>
          <strong>${label(a.label)}</strong>: ${a.reasons.map((r) => message(r)).join('; ') || t('board.not_now')}
          ${a.reasons.some((r) => r.code === 'missing_document' || r.code === 'missing_field')
            ? html` <a href=${`#/proposals/${p.id}`}>${t('board.complete_it')}</a>` : nothing}</li>`)}</ul>` : nothing}`;
    }
    return html`<div class="steps" id=${`steps-${p.id}`}>${body}</div>`;
  }

  function card(p) {
    const days = daysSince(p.state_entered_at) ?? 0;
    const open = view.steps.has(p.id);
    return html`<li class="agreement-card ${p.overdue ? 'overdue' : ''}" data-id=${p.id}>
      <article aria-labelledby=${`card-${p.id}`}>
        <p class="card-ref"><a href=${`#/proposals/${p.id}`}>${p.ref}</a>
          ${p.overdue ? html`<span class="badge late">${t('board.overdue')}</span>` : nothing}</p>
        <h3 id=${`card-${p.id}`}><a href=${`#/proposals/${p.id}`}>${p.title}</a></h3>
        <dl>
          ${p.partner_id ? html`<div><dt>${t('board.partner')}</dt><dd>${partnerName(p.partner_id)}</dd></div>` : nothing}
          <div><dt>${t('board.at_step')}</dt><dd><span title=${fmtDate(p.state_entered_at)}>${t(days === 1 ? 'board.day' : 'board.days', { n: fmtNumber(days) })}</span></dd></div>
          <div><dt>${t('board.waiting_for')}</dt><dd>${p.awaiting_roles?.length ? p.awaiting_roles.map(roleLabel).join(', ') : t('board.nobody')}</dd></div>
          <div><dt>${t('board.deadline')}</dt><dd>${dueBadge(p.due_on, p.overdue)}</dd></div>
        </dl>
        ${mayAct() ? html`<button type="button" class="secondary steps-toggle" aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${`steps-${p.id}`} @click=${() => toggleSteps(p)}>${t('board.steps')}</button>${stepsPanel(p)}` : nothing}
      </article>
    </li>`;
  }

  function column(c) {
    const id = `col-${c.state.id}`;
    return html`<li class="board-column ${c.count ? '' : 'empty-column'}" data-state=${c.state.id}>
      <section aria-labelledby=${id}>
        <h2 id=${id}>${label(c.state.label)} <span class="column-count" aria-label=${t('board.in_column', { n: c.count })}>${fmtNumber(c.count)}</span></h2>
        ${c.items.length ? html`<ul class="cards">${c.items.map(card)}</ul>` : html`<p class="muted">${t('board.column_empty')}</p>`}
        ${c.more ? html`<p><a href=${`#/proposals?kind=agreement&state=${c.state.id}`}>${t('board.see_all', { n: fmtNumber(c.count) })}</a></p>` : nothing}
      </section>
    </li>`;
  }

  function expiringSection() {
    return html`<section class="expiring" aria-labelledby="expiring-heading">
      <h2 id="expiring-heading">${t('board.expiring_title')}</h2>
      ${view.expiring === null ? loading(2) : !view.expiring.length ? emptyState(t('board.expiring_none')) : html`
      <div class="table-wrap"><table class="expiring-table">
        <thead><tr><th scope="col">${t('board.col.ref')}</th><th scope="col">${t('board.col.title')}</th>
          <th scope="col">${t('board.col.partner')}</th><th scope="col">${t('board.col.expires_on')}</th></tr></thead>
        <tbody>${view.expiring.map((a) => {
          const left = daysUntil(a.expires_on);
          return html`<tr data-id=${a.id}>
            <td class="ref"><a href=${`#/proposals/${a.id}`}>${a.ref}</a></td>
            <td><a href=${`#/proposals/${a.id}`}>${a.title}</a></td>
            <td>${a.partner ? label(a.partner.name) : ''}</td>
            <td><span class="due ${left <= 30 ? 'soon' : ''}"><time datetime=${a.expires_on}>${fmtDate(a.expires_on)}</time> ·
              ${left <= 0 ? t('board.expires_today') : t('board.expires_in', { n: fmtNumber(left) })}</span></td>
          </tr>`;
        })}</tbody>
      </table></div>`}
    </section>`;
  }

  function notice() {
    const n = view.notice;
    if (!n) return nothing;
    if (n.kind === 'error') return html`<div class="board-notice" tabindex="-1">${errorBox(n.error)}</div>`;
    return html`<p class="board-notice notice ${n.kind}" tabindex="-1" role=${n.kind === 'conflict' ? 'alert' : 'status'}>${n.text}</p>`;
  }

  // Brings a column into view and moves focus to its heading (the board scrolls sideways).
  function jumpTo(state) {
    const heading = main.querySelector(`#col-${state}`);
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.scrollIntoView({ block: 'nearest', inline: 'start' });
    heading.focus({ preventScroll: true });
  }

  function draw() {
    render(html`
      <div class="page-head">
        <h1>${t('board.title')}</h1>
        <a href="#/proposals?kind=agreement">${t('board.as_list')}</a>
      </div>
      ${view.columns ? html`<p class="board-summary">${t('board.summary', { n: fmtNumber(view.total) })}${view.overdue
        ? html` <span class="due overdue">${t('board.summary_overdue', { n: fmtNumber(view.overdue) })}</span>` : nothing}</p>` : nothing}
      ${errorBox(view.error)}
      ${notice()}
      ${view.columns === null ? loading(8) : html`
        <nav class="board-steps" aria-label=${t('board.jump_label')}>
          <p class="help">${t('board.jump_help')}</p>
          <ul>${view.columns.map((c) => html`<li><button type="button" class="link" ?disabled=${!c.count}
            @click=${() => jumpTo(c.state.id)}>${label(c.state.label)} (${fmtNumber(c.count)})</button></li>`)}</ul>
        </nav>
        <div class="board-wrap" role="region" aria-label=${t('board.board_label')} tabindex="0">
          <ol class="board">${view.columns.map(column)}</ol>
        </div>`}
      ${expiringSection()}`, main);
  }

  draw();
  try {
    await load();
  } catch (error) {
    if (error.status === 401) return undefined;
    view.error = error;
    view.columns = view.columns || [];
    view.expiring = view.expiring || [];
  }
  draw();
  return () => { alive = false; };
}
