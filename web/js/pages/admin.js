// Quản trị / Administration: users, units, leaders' deputies and the e-mail outbox
// (administrators; the outbox is components/mail-outbox.js). Leaders
// open the same page to manage their own deputies and see only that section; everyone else
// is told plainly that the page is not for them.
import { get, post, patch, del } from '../api.js';
import { t, label, fmtDate } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, roleLabel, announce, confirmDialog, fieldError } from '../ui.js';
import { forget } from '../reference.js';
import { href } from '../router.js';
import { hasRole } from '../app.js';
import { formDialog, field, text } from '../components/form-dialog.js';
import { mailOutbox } from '../components/mail-outbox.js';

const ROLES = ['staff', 'unit_head', 'icd_officer', 'icd_head', 'finance', 'leader', 'admin', 'auditor'];
const TABS = ['users', 'units', 'deputies', 'mail'];

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function rolesFieldset(errors, chosen) {
  return html`<fieldset aria-describedby="uf-roles-error">
    <legend>${t('admin.field.roles')}</legend>
    <div class="pa-checks">${ROLES.map((r) => html`<label class="pa-check"><input type="checkbox" name="roles" value=${r} ?checked=${chosen.includes(r)}> ${roleLabel(r)}</label>`)}</div>
    <p class="field-error" id="uf-roles-error">${fieldError(errors, 'roles')}</p>
  </fieldset>`;
}

function localErrors(list) {
  if (list.length) throw Object.assign(new Error(t('admin.check_fields')), { status: 422, errors: list.map(([f, key]) => ({ field: f, message: t(key), message_en: t(key) })) });
}

function userDialog(user, units) {
  return formDialog({
    title: user ? t('admin.user_edit_title', { name: user.username }) : t('admin.user_add_title'),
    submitLabel: user ? t('common.save') : t('admin.user_add'),
    fields: (errors) => html`
      ${user ? nothing : field('uf-username', t('admin.field.username'), fieldError(errors, 'username'), (a) => html`
        <input id=${a.id} name="username" required maxlength="64" autocomplete="off" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      ${field('uf-display', t('admin.field.display_name'), fieldError(errors, 'display_name'), (a) => html`
        <input id=${a.id} name="display_name" required .value=${user?.display_name || ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      ${user ? html`<p><span class="muted">${t('admin.field.unit')}:</span> ${user.unit.code}</p>`
        : field('uf-unit', t('admin.field.unit'), fieldError(errors, 'unit'), (a) => html`
        <select id=${a.id} name="unit" required aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          ${units.map((u) => html`<option value=${u.code}>${u.code} — ${label(u.name)}</option>`)}
        </select>`)}
      ${rolesFieldset(errors, user?.roles || ['staff'])}
      ${user ? html`<label class="pa-check"><input type="checkbox" name="active" ?checked=${user.active}> ${t('admin.field.active')}</label>` : nothing}
      ${field('uf-password', user ? t('admin.field.new_password') : t('admin.field.password'), fieldError(errors, 'password'), (a) => html`
        <input id=${a.id} name="password" type="password" autocomplete="new-password" minlength="8" maxlength="128" ?required=${!user}
          aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`, user ? t('admin.new_password_help') : t('admin.password_help'))}`,
    submit: async (form) => {
      const roles = form.getAll('roles');
      const password = form.get('password') || '';
      const problems = [];
      if (!user && !text(form, 'username')) problems.push(['username', 'admin.required']);
      if (!text(form, 'display_name')) problems.push(['display_name', 'admin.required']);
      if (!roles.length) problems.push(['roles', 'admin.roles_required']);
      if ((!user || password) && password.length < 8) problems.push(['password', 'admin.password_short']);
      localErrors(problems);
      if (!user)
        return post('/api/users', { username: text(form, 'username'), display_name: text(form, 'display_name'), unit: form.get('unit'), roles, password });
      const change = { display_name: text(form, 'display_name'), roles, active: form.get('active') === 'on' };
      if (password) change.password = password;
      return patch(`/api/users/${user.id}`, change);
    },
  });
}

function unitDialog(unit, units) {
  return formDialog({
    title: unit ? t('admin.unit_edit_title', { code: unit.code }) : t('admin.unit_add_title'),
    submitLabel: unit ? t('common.save') : t('admin.unit_add'),
    fields: (errors) => html`
      ${unit ? nothing : field('nf-code', t('admin.field.code'), fieldError(errors, 'code'), (a) => html`
        <input id=${a.id} name="code" required maxlength="32" pattern="[A-Za-z0-9_\\-]+" autocomplete="off" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`, t('admin.code_help'))}
      ${field('nf-name-vi', t('admin.field.name_vi'), fieldError(errors, 'name_vi'), (a) => html`
        <input id=${a.id} name="name_vi" required .value=${unit?.name.vi || ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      ${field('nf-name-en', t('admin.field.name_en'), fieldError(errors, 'name_en'), (a) => html`
        <input id=${a.id} name="name_en" required lang="en" .value=${unit?.name.en || ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      ${field('nf-parent', t('admin.field.parent'), fieldError(errors, 'parent_id'), (a) => html`
        <select id=${a.id} name="parent_id" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          <option value="" ?selected=${!unit?.parent_id}>${t('admin.no_parent')}</option>
          ${units.filter((u) => u.id !== unit?.id).map((u) => html`<option value=${u.id} ?selected=${u.id === unit?.parent_id}>${u.code} — ${label(u.name)}</option>`)}
        </select>`)}`,
    submit: async (form) => {
      const problems = [];
      if (!unit && !/^[A-Za-z0-9_-]{1,32}$/.test(text(form, 'code') || '')) problems.push(['code', 'admin.code_help']);
      if (!text(form, 'name_vi')) problems.push(['name_vi', 'admin.required']);
      if (!text(form, 'name_en')) problems.push(['name_en', 'admin.required']);
      localErrors(problems);
      const body = { name_vi: text(form, 'name_vi'), name_en: text(form, 'name_en'), parent_id: form.get('parent_id') ? Number(form.get('parent_id')) : null };
      const saved = unit ? await patch(`/api/units/${unit.id}`, body) : await post('/api/units', { code: text(form, 'code'), ...body });
      forget('units');
      return saved;
    },
  });
}

function deputyDialog({ leaders, candidates, leaderId }) {
  const start = today();
  return formDialog({
    title: t('admin.deputy_add_title'),
    submitLabel: t('admin.deputy_add'),
    fields: (errors) => html`
      ${leaders ? field('df-leader', t('admin.field.leader'), fieldError(errors, 'leader_id'), (a) => html`
        <select id=${a.id} name="leader_id" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          ${leaders.map((l) => html`<option value=${l.id}>${l.display_name}</option>`)}
        </select>`) : nothing}
      ${field('df-deputy', t('admin.field.deputy'), fieldError(errors, 'deputy_id'), (a) => html`
        <select id=${a.id} name="deputy_id" required aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          <option value="">${t('admin.choose')}</option>
          ${candidates.filter((c) => c.id !== leaderId).map((c) => html`<option value=${c.id}>${c.display_name} (${c.unit.code} · ${c.roles.map(roleLabel).join(', ')})</option>`)}
        </select>`)}
      <div class="pa-row">
        ${field('df-start', t('admin.field.starts_on'), fieldError(errors, 'starts_on'), (a) => html`
          <input id=${a.id} name="starts_on" type="date" required .value=${start} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
        ${field('df-end', t('admin.field.ends_on'), fieldError(errors, 'ends_on'), (a) => html`
          <input id=${a.id} name="ends_on" type="date" required .value=${start} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      </div>
      ${field('df-reason', t('admin.field.reason'), fieldError(errors, 'reason'), (a) => html`
        <input id=${a.id} name="reason" required aria-invalid=${a.invalid} aria-describedby=${a.describedby} placeholder=${t('admin.reason_placeholder')}>`)}`,
    submit: async (form) => {
      const body = {
        deputy_id: Number(form.get('deputy_id')) || 0,
        starts_on: form.get('starts_on'), ends_on: form.get('ends_on'), reason: text(form, 'reason') || '',
      };
      if (leaders) body.leader_id = Number(form.get('leader_id'));
      const problems = [];
      if (!body.deputy_id) problems.push(['deputy_id', 'admin.required']);
      if (!body.starts_on) problems.push(['starts_on', 'admin.required']);
      if (!body.ends_on) problems.push(['ends_on', 'admin.required']);
      else if (body.starts_on && body.ends_on < body.starts_on) problems.push(['ends_on', 'admin.ends_before_start']);
      if (!body.reason) problems.push(['reason', 'admin.required']);
      localErrors(problems);
      return post('/api/authorisations', body);
    },
  });
}

function authorisationStatus(a) {
  const d = today();
  if (a.revoked_at) return 'revoked';
  if (a.ends_on < d) return 'past';
  if (a.starts_on > d) return 'upcoming';
  return 'current';
}

export async function mount(main, { query, session }) {
  setTitle(t('admin.title'));
  const isAdmin = hasRole('admin');
  const isLeader = hasRole('leader');
  if (!isAdmin && !isLeader) {
    render(html`<h1>${t('admin.title')}</h1>
      <div class="error-box pa-forbidden" role="alert"><strong>${t('admin.not_allowed_title')}</strong> ${t('admin.not_allowed')}</div>
      <p><a href="#/work">${t('admin.back_to_work')}</a></p>`, main);
    return undefined;
  }
  const tab = isAdmin ? (TABS.includes(query.get('tab')) ? query.get('tab') : 'users') : 'deputies';
  const state = { users: null, units: null, auths: null, candidates: null, error: null, q: query.get('q') || '', showPast: false };
  let alive = true;

  const unitsById = () => new Map((state.units || []).map((u) => [u.id, u]));

  const run = async (dialog, done) => {
    const saved = await dialog;
    if (!saved) return;
    announce(done);
    await load();
  };

  const toggleActive = async (u) => {
    if (u.active) {
      const ok = await confirmDialog({ title: t('admin.disable_title', { name: u.display_name }), body: t('admin.disable_body'),
        confirmLabel: t('admin.disable'), needsComment: null, danger: true });
      if (!ok) return;
    }
    try {
      await patch(`/api/users/${u.id}`, { active: !u.active });
      announce(u.active ? t('admin.disabled', { name: u.username }) : t('admin.enabled', { name: u.username }));
      await load();
    } catch (error) {
      announce(error.message || t('admin.failed'), 'error');
    }
  };

  const revoke = async (a) => {
    const ok = await confirmDialog({ title: t('admin.revoke_title'), body: t('admin.revoke_body', { deputy: a.deputy.display_name, leader: a.leader.display_name }),
      confirmLabel: t('admin.revoke'), needsComment: null, danger: true });
    if (!ok) return;
    try {
      await del(`/api/authorisations/${a.id}`);
      announce(t('admin.revoked'));
      await load();
    } catch (error) {
      announce(error.message || t('admin.failed'), 'error');
    }
  };

  const usersSection = () => {
    const q = state.q.toLowerCase();
    const list = (state.users || []).filter((u) => !q || `${u.username} ${u.display_name} ${u.unit.code}`.toLowerCase().includes(q));
    return html`<section aria-labelledby="adm-users-h">
      <div class="page-head"><h2 id="adm-users-h">${t('admin.users')}</h2>
        <button type="button" class="primary" id="add-user" ?disabled=${!state.units}
          @click=${() => run(userDialog(null, state.units), t('admin.user_added'))}>${t('admin.user_add')}</button></div>
      <div class="filters"><div>
        <label for="adm-q">${t('admin.search_users')}</label>
        <input id="adm-q" type="search" .value=${state.q} @input=${(e) => { state.q = e.target.value; history.replaceState(null, '', href('/admin', { tab, q: state.q })); draw(); }}>
      </div></div>
      ${state.users === null ? loading(8) : list.length === 0 ? emptyState(t('admin.no_users')) : html`
      <div class="table-wrap"><table class="pa-users">
        <thead><tr><th scope="col">${t('admin.field.username')}</th><th scope="col">${t('admin.field.display_name')}</th>
          <th scope="col">${t('admin.field.unit')}</th><th scope="col">${t('admin.field.roles')}</th>
          <th scope="col">${t('admin.field.status')}</th><th scope="col"><span class="pa-sr">${t('admin.actions')}</span></th></tr></thead>
        <tbody>${list.map((u) => html`<tr data-username=${u.username} class=${u.active ? '' : 'pa-inactive'}>
          <th scope="row">${u.username}</th><td>${u.display_name}</td>
          <td title=${label(unitsById().get(u.unit.id)?.name)}>${u.unit.code}</td>
          <td>${u.roles.map(roleLabel).join(', ')}</td>
          <td><span class="badge ${u.active ? 'pa-done' : 'pa-not-done'}">${u.active ? t('admin.active') : t('admin.inactive')}</span></td>
          <td class="pa-actions">
            <button type="button" class="link" aria-label=${t('admin.edit_named', { name: u.username })}
              @click=${() => run(userDialog(u, state.units), t('common.saved'))}>${t('admin.edit')}</button>
            ${u.id === session.user.id ? nothing : html`<button type="button" class="link pa-toggle"
              aria-label=${(u.active ? t('admin.disable') : t('admin.enable')) + ' ' + u.username}
              @click=${() => toggleActive(u)}>${u.active ? t('admin.disable') : t('admin.enable')}</button>`}
          </td></tr>`)}</tbody>
      </table></div>`}
    </section>`;
  };

  const unitsSection = () => html`<section aria-labelledby="adm-units-h">
    <div class="page-head"><h2 id="adm-units-h">${t('admin.units')}</h2>
      <button type="button" class="primary" id="add-unit" ?disabled=${!state.units}
        @click=${() => run(unitDialog(null, state.units), t('admin.unit_added'))}>${t('admin.unit_add')}</button></div>
    ${state.units === null ? loading(8) : html`
    <div class="table-wrap"><table class="pa-units">
      <thead><tr><th scope="col">${t('admin.field.code')}</th><th scope="col">${t('admin.field.name_vi')}</th>
        <th scope="col">${t('admin.field.name_en')}</th><th scope="col">${t('admin.field.parent')}</th>
        <th scope="col"><span class="pa-sr">${t('admin.actions')}</span></th></tr></thead>
      <tbody>${state.units.map((u) => html`<tr data-code=${u.code}>
        <th scope="row">${u.code}</th><td lang="vi">${u.name.vi}</td><td lang="en">${u.name.en}</td>
        <td>${unitsById().get(u.parent_id)?.code || ''}</td>
        <td class="pa-actions"><button type="button" class="link" aria-label=${t('admin.rename_named', { code: u.code })}
          @click=${() => run(unitDialog(u, state.units), t('common.saved'))}>${t('admin.rename')}</button></td>
      </tr>`)}</tbody>
    </table></div>`}
  </section>`;

  const deputiesSection = () => {
    const rows = (state.auths || []).map((a) => ({ ...a, status: authorisationStatus(a) }))
      .filter((a) => state.showPast || a.status === 'current' || a.status === 'upcoming')
      .sort((a, b) => a.starts_on.localeCompare(b.starts_on));
    const leaders = isAdmin ? (state.users || []).filter((u) => u.active && u.roles.includes('leader')) : null;
    const mayRevoke = (a) => isAdmin || a.leader.id === session.user.id;
    return html`<section aria-labelledby="adm-deputies-h">
      <div class="page-head"><h2 id="adm-deputies-h">${t('admin.deputies')}</h2>
        <button type="button" class="primary" id="add-deputy" ?disabled=${!state.candidates}
          @click=${() => run(deputyDialog({ leaders, candidates: state.candidates || [], leaderId: isAdmin ? null : session.user.id }), t('admin.deputy_added'))}>${t('admin.deputy_add')}</button></div>
      <p class="help">${isAdmin ? t('admin.deputies_help_admin') : t('admin.deputies_help_leader')}</p>
      <label class="pa-check"><input type="checkbox" ?checked=${state.showPast} @change=${(e) => { state.showPast = e.target.checked; draw(); }}> ${t('admin.show_past')}</label>
      ${state.auths === null ? loading(4) : rows.length === 0 ? emptyState(t('admin.no_deputies')) : html`
      <div class="table-wrap"><table class="pa-deputies">
        <thead><tr><th scope="col">${t('admin.field.leader')}</th><th scope="col">${t('admin.field.deputy')}</th>
          <th scope="col">${t('admin.field.period')}</th><th scope="col">${t('admin.field.reason')}</th>
          <th scope="col">${t('admin.field.status')}</th><th scope="col"><span class="pa-sr">${t('admin.actions')}</span></th></tr></thead>
        <tbody>${rows.map((a) => html`<tr data-id=${a.id}>
          <th scope="row">${a.leader.display_name}</th><td>${a.deputy.display_name}</td>
          <td class="pa-nowrap">${fmtDate(a.starts_on)} – ${fmtDate(a.ends_on)}</td><td>${a.reason}</td>
          <td><span class="badge pa-auth-${a.status}">${t(`admin.status.${a.status}`)}</span></td>
          <td class="pa-actions">${a.status !== 'revoked' && a.status !== 'past' && mayRevoke(a) ? html`
            <button type="button" class="link" @click=${() => revoke(a)}
              aria-label=${t('admin.revoke_named', { deputy: a.deputy.display_name })}>${t('admin.revoke')}</button>` : nothing}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>`;
  };

  const draw = () => render(html`
    <h1>${isAdmin ? t('admin.title') : t('admin.deputies')}</h1>
    ${isAdmin ? html`<nav class="pa-tabs" aria-label=${t('admin.sections')}><ul>
      ${TABS.map((k) => html`<li><a href=${href('/admin', { tab: k })} aria-current=${k === tab ? 'page' : nothing}>${t(`admin.${k}`)}</a></li>`)}
    </ul></nav>` : nothing}
    ${errorBox(state.error)}
    ${tab === 'users' ? usersSection() : tab === 'units' ? unitsSection() : tab === 'mail' ? html`<div id="adm-mail"></div>` : deputiesSection()}`, main);

  const load = async () => {
    try {
      const [users, units, auths, candidates] = await Promise.all([
        isAdmin && tab !== 'units' && tab !== 'mail' ? get('/api/users') : null,
        get('/api/units'),
        tab === 'deputies' ? get('/api/authorisations') : null,
        tab === 'deputies' ? get('/api/deputy-candidates') : null,
      ]);
      if (!alive) return;
      Object.assign(state, { users: users ?? [], units, auths: auths ?? [], candidates: candidates ?? [], error: null });
    } catch (error) {
      if (error.status === 401) return;
      state.error = error;
      state.users ??= [];
      state.units ??= [];
      state.auths ??= [];
    }
    if (alive) draw();
  };

  draw();
  // The outbox draws itself into its own element, which the page's redraws leave alone.
  const stopMail = tab === 'mail' ? mailOutbox(main.querySelector('#adm-mail')) : null;
  await load();
  return () => {
    alive = false;
    stopMail?.();
  };
}
