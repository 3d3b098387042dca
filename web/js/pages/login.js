// The login page. After logging in, the user goes back to where they were (?next=), so an
// expired session costs nothing but the password.
import { post } from '../api.js';
import { t } from '../i18n.js';
import { navigate, parseHash } from '../router.js';
import { html, render, nothing, setTitle } from '../ui.js';
import { setSession, renderHeader, refreshCounts } from '../app.js';

// Only an in-app path may be a return address (never another site).
function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/work';
}

export function mount(main, { query }) {
  setTitle(t('login.title'));
  renderHeader();
  let error = query.get('expired') ? t('login.expired') : '';
  let busy = false;
  const submit = async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      error = t('login.missing');
      draw();
      return;
    }
    busy = true;
    error = '';
    draw();
    try {
      setSession(await post('/api/session', { username, password }, { allowUnauthorised: true }));
      const next = safeNext(query.get('next'));
      const { path, query: q } = parseHash(`#${next}`);
      navigate(path, Object.fromEntries(q));
      refreshCounts();
    } catch (err) {
      busy = false;
      error = err.status === 401 ? t('login.wrong') : err.status === 429 ? t('login.too_many') : t('error.generic');
      draw();
      form.password.value = '';
      form.password.focus();
    }
  };
  const draw = () => render(html`
    <section class="login card">
      <h1>${t('login.title')}</h1>
      <p class="muted">${t('login.intro')}</p>
      <form @submit=${submit} novalidate>
        <label for="login-username">${t('login.username')}</label>
        <input id="login-username" name="username" autocomplete="username" autocapitalize="none" required>
        <label for="login-password">${t('login.password')}</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required>
        <p class="form-error" role="alert">${error || nothing}</p>
        <button type="submit" class="primary" ?disabled=${busy}>${busy ? t('login.busy') : t('login.submit')}</button>
      </form>
    </section>`, main);
  draw();
  main.querySelector('#login-username').focus();
}
