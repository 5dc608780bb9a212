// The console's shell: settings, who is acting, the calendar and zone pickers, the route in the URL, the keys
// (UI-KEYS), and the live stream that keeps the open view current.

import { settings, identity, read, ApiError } from './api.js';
import { h, clear, openDialog, closeDialog, form, dialogOpen, toast } from './ui.js';
import { follow, onChange, restart } from './live.js';
import { todayIn, dateLabel } from './time.js';
import { views } from './views.js';
import { refreshUnreadBadge } from './views/notifications.js';
import { loadFullCalendar } from './fullcalendar.js';

const PHONE = window.matchMedia('(max-width: 640px)');
/** UI-MOBILE: at phone width the calendar shows the day and list views. */
const PHONE_VIEW = { month: 'list', week: 'day', year: 'list' };

export const state = {
  view: 'week', calendar: '', zone: 'UTC', date: '', config: null, calendars: [], controller: null, rendering: 0,
};

const main = document.getElementById('main');

async function boot() {
  // The grid's bundle is the largest file; a week or day view starts it while the shell reads its basics.
  if (['', 'week', 'day'].includes(location.hash.replace(/^#\/?/, '').split('?')[0])) loadFullCalendar().catch(() => {});
  const mode = document.querySelector('meta[name="almanac-identity-mode"]')?.content;
  if (mode) {
    settings.identity_mode = mode;
  } else {
    try {
      Object.assign(settings, await (await fetch('/console-settings.json')).json());
    } catch { /* the defaults: JWT */ }
  }
  identity.load();
  renderWho();
  try {
    await loadBasics();
  } catch (error) {
    showBlocking(error);
    return;
  }
  wireToolbar();
  window.addEventListener('hashchange', route);
  window.addEventListener('almanac:reload', () => state.controller?.refresh());
  PHONE.addEventListener('change', route);
  document.addEventListener('keydown', onKey);
  onChange(onLiveChange);
  route();
  refreshUnreadBadge();
}

/** The configuration (default view, week start, clock, density colours, zones) and the calendars the user may read. */
async function loadBasics() {
  const [{ body: config }, { body: calendars }] = await Promise.all([
    read('/calendar/config'),
    read('/calendars', { limit: 1000 }),
  ]);
  state.config = config;
  state.calendars = (calendars.calendars || calendars.items || calendars || []).filter((calendar) => calendar.active !== false);
  const zones = document.getElementById('timezone');
  zones.replaceChildren(...config.supported_timezones.map((zone) => h('option', { value: zone }, zone)));
  const calendarsSelect = document.getElementById('calendar');
  calendarsSelect.replaceChildren(...state.calendars.map((calendar) => h('option', { value: calendar.id }, calendar.name || calendar.id)));
}

function showBlocking(error) {
  clear(main).append(h('div.panel', { role: 'alert' },
    h('h2', {}, error instanceof ApiError && error.status === 401 ? 'Sign in to use the console' : 'The console could not load'),
    h('p', {}, error.message),
    settings.identity_mode === 'jwt' ? h('button.primary', { type: 'button', onclick: signIn }, 'Sign in with a token') : null));
}

function renderWho() {
  const who = document.getElementById('who');
  const development = settings.identity_mode === 'development';
  who.replaceChildren(
    h('span', {}, development ? 'Acting as ' : '', h('strong', { id: 'acting-as' }, identity.label())),
    h('button', { type: 'button', id: 'switch-user', onclick: development ? pickUser : signIn }, development ? 'Switch user' : 'Sign in'));
}

/** Development identity mode: the user picks whom they act as (X-Almanac-User, X-Almanac-Roles; ADR 0027). */
function pickUser() {
  openDialog('Act as', form([
    { name: 'user', label: 'User id', value: identity.user, hint: 'Empty acts as the development admin, "developer".' },
    { name: 'admin', label: 'Admin (X-Almanac-Roles: admin)', type: 'checkbox', value: identity.roles === 'admin' },
  ], async ({ user, admin }) => {
    identity.actAs(user, admin);
    await switchedIdentity();
  }, { submitLabel: 'Act as this user' }));
}

/** JWT identity mode: a bearer token the user brings from the identity provider (docs/console/README.md). */
function signIn() {
  openDialog('Sign in', form([
    { name: 'token', label: 'Bearer token', type: 'textarea', value: '', hint: 'Kept in this tab only (session storage).' },
  ], async ({ token }) => {
    identity.setToken(token);
    await switchedIdentity();
  }, { submitLabel: 'Sign in' }));
}

async function switchedIdentity() {
  closeDialog();
  renderWho();
  try {
    await loadBasics();
  } catch (error) {
    showBlocking(error);
    return;
  }
  restart();
  route();
  refreshUnreadBadge();
}

function wireToolbar() {
  document.getElementById('calendar').addEventListener('change', (event) => navigate({ calendar: event.target.value }));
  document.getElementById('timezone').addEventListener('change', (event) => navigate({ zone: event.target.value }));
  document.getElementById('prev').addEventListener('click', () => step(-1));
  document.getElementById('next').addEventListener('click', () => step(1));
  document.getElementById('today').addEventListener('click', () => navigate({ date: todayIn(state.zone) }));
  document.getElementById('new-item').addEventListener('click', () => state.controller?.create?.());
}

function parseRoute() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query || '');
  const config = state.config;
  const calendarIds = state.calendars.map((calendar) => calendar.id);
  const zone = params.get('tz') || localStorage.getItem('almanac.zone') || config.default_timezone;
  let view = path || 'week';
  if (!views[view]) view = 'week';
  if (PHONE.matches && PHONE_VIEW[view]) view = PHONE_VIEW[view];
  const calendar = calendarIds.includes(params.get('cal')) ? params.get('cal')
    : calendarIds.includes(localStorage.getItem('almanac.calendar')) ? localStorage.getItem('almanac.calendar') : calendarIds[0] || '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') || '') ? params.get('date') : todayIn(zone);
  return { view, calendar, zone: config.supported_timezones.includes(zone) ? zone : config.default_timezone, date };
}

/** Changes view, calendar, zone or date through the URL, so Back and a shared link give the same view. */
export function navigate(patch, { replace = false } = {}) {
  const next = { view: state.view, calendar: state.calendar, zone: state.zone, date: state.date, ...patch };
  const hash = `#/${next.view}?${new URLSearchParams({ cal: next.calendar, tz: next.zone, date: next.date })}`;
  if (hash === location.hash) { route(); return; }
  if (replace) history.replaceState(null, '', hash); else history.pushState(null, '', hash);
  route();
}

function step(direction) {
  const view = views[state.view];
  if (view.step) navigate({ date: view.step(state.date, direction) });
}

async function route() {
  const next = parseRoute();
  const same = state.controller && next.view === state.view && next.calendar === state.calendar && next.zone === state.zone;
  Object.assign(state, next);
  localStorage.setItem('almanac.zone', state.zone);
  if (state.calendar) localStorage.setItem('almanac.calendar', state.calendar);
  document.getElementById('calendar').value = state.calendar;
  document.getElementById('timezone').value = state.zone;
  for (const link of document.querySelectorAll('#tabs a')) {
    if (link.dataset.view === state.view) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    link.href = `#/${link.dataset.view}?${new URLSearchParams({ cal: state.calendar, tz: state.zone, date: state.date })}`;
  }
  const view = views[state.view];
  document.title = `${view.title} · Almanac console`;
  document.getElementById('toolbar').dataset.view = state.view;
  document.getElementById('period').textContent = view.period ? view.period(state) : '';
  for (const control of document.querySelectorAll('#prev, #next, #today')) control.hidden = !view.step;
  document.getElementById('calendar').closest('label').hidden = !view.usesCalendar;
  document.getElementById('new-item').hidden = !view.creates || !canEdit(state.calendar);
  if (same && state.controller.moveTo) {
    // Same view on another date: the view moves itself (FullCalendar keeps its grid).
    await state.controller.moveTo(state.date);
    followCalendars();
    return;
  }
  state.controller?.dispose?.();
  state.controller = null;
  const rendering = ++state.rendering;
  clear(main).append(h('p.loading', {}, 'Loading…'));
  try {
    const controller = await view.render(main, context(rendering));
    if (rendering !== state.rendering) { controller?.dispose?.(); return; }
    state.controller = controller;
    followCalendars();
  } catch (error) {
    if (rendering !== state.rendering) return;
    clear(main).append(h('div.panel', { role: 'alert' }, h('h2', {}, `${view.title} could not load`), h('p', {}, error.message)));
  }
}

function followCalendars() {
  const ids = state.controller?.follows?.() ?? (state.calendar ? [state.calendar] : []);
  follow(ids);
}

/**
 * Whether the user may change what a calendar holds. The API says so where it knows the caller's role
 * (`caller_role`); a viewer gets no edit controls. Without it, the commands' 403 is the answer.
 */
export function canEdit(calendarId) {
  const calendar = state.calendars.find((each) => each.id === calendarId);
  const role = calendar?.caller_role;
  return !role || role === 'scheduler' || role === 'manager';
}

/**
 * What a view is given; `current()` says whether the view is still the one shown, so a read that answers after the user
 * left it does not draw over the next view.
 */
function context(rendering) {
  return {
    state, navigate, canEdit,
    current: () => rendering === state.rendering,
    hour12: state.config.view_settings?.time_format === '12h',
    calendarName: (id) => state.calendars.find((calendar) => calendar.id === id)?.name || id,
    reload: () => state.controller?.refresh(),
  };
}

let pending = null;
/** A change of a followed calendar: the view refetches once, soon, however many changes arrive together. */
function onLiveChange(event) {
  if (event.type === 'notification' || event.type === 'refetch') refreshUnreadBadge();
  if (!state.controller) return;
  if (state.controller.onLive?.(event)) return;
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    state.controller?.refresh({ live: true, token: event.data?.consistency_token });
  }, 50);
}

/** UI-KEYS: arrows move, t today, m/w/d the views, r reschedule, Enter details, Esc back. */
function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || dialogOpen()) return;
  const target = event.target;
  if (target.closest && target.closest('input, select, textarea, [contenteditable]')) return;
  const controller = state.controller;
  if (controller?.onKey?.(event)) { event.preventDefault(); return; }
  switch (event.key) {
    case 't': navigate({ date: todayIn(state.zone) }); break;
    case 'm': navigate({ view: 'month' }); break;
    case 'w': navigate({ view: 'week' }); break;
    case 'd': navigate({ view: 'day' }); break;
    case 'r':
      if (controller?.reschedule) controller.reschedule(); else toast('Select an entry to reschedule first.');
      break;
    case 'ArrowLeft': step(-1); break;
    case 'ArrowRight': step(1); break;
    case 'Escape':
      if (history.length > 1) history.back();
      break;
    default: return;
  }
  event.preventDefault();
}

export function periodTitle(date) { return dateLabel(date); }

boot();
