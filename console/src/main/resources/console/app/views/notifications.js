// Notifications: the acting user's own (ADR 0075), unread first, with what each concerns, the commands that apply
// (a missed run's approve and run, reschedule and delete; a proposed change's confirm and reject), what became of its
// e-mail and webhook (ADR 0078), and mark read and acknowledge. The tab's badge counts the unread ones.

import { read, command } from '../api.js';
import { h, fill, markDrawn, openDialog, closeDialog, form, toast, refusal } from '../ui.js';
import { label, instantOfLocalInput, localInputOf } from '../time.js';

const STATUSES = [['', 'All'], ['unread', 'Unread'], ['read', 'Read'], ['acknowledged', 'Acknowledged']];
const PAGE = 50;
let status = '';

/** How each action the API offers reads on its button, and what the user is told once it is done. */
const ACTIONS = {
  approve_and_run: { label: 'Approve & run', style: '.primary', done: 'Approved; the run is dispatched.' },
  reschedule: { label: 'Reschedule', style: '', done: 'Rescheduled.' },
  delete: { label: 'Delete', style: '.danger', done: 'Deleted.' },
  confirm: { label: 'Confirm', style: '.primary', done: 'Change confirmed.' },
  reject: { label: 'Reject', style: '.danger', done: 'Change rejected.' },
};

/** Refreshes the tab's count of unread notifications; a failed read leaves the badge as it was. */
export async function refreshUnreadBadge() {
  const badge = document.getElementById('unread-count');
  if (!badge) return;
  try {
    const { body } = await read('/notifications/unread-count');
    const total = body.unread;
    badge.textContent = total > 99 ? '99+' : String(total);
    badge.hidden = total === 0;
    badge.setAttribute('aria-label', `${total} unread`);
  } catch { /* the badge is a hint; the view says what failed */ }
}

export default {
  title: 'Notifications',
  usesCalendar: false,
  creates: false,

  async render(main, ctx) {
    const { state } = ctx;
    let notifications = [];
    let unread = 0;
    let next = null;

    async function refresh(options = {}) {
      const { body } = await read('/notifications', { status: status || undefined, limit: PAGE }, { token: options.token });
      if (!ctx.current()) return;
      notifications = body.notifications;
      unread = body.unread_count;
      next = body.next_cursor;
      draw();
      refreshUnreadBadge();
      markDrawn(`notifications:${status || 'all'}`);
    }

    async function more() {
      const { body } = await read('/notifications', { status: status || undefined, limit: PAGE, cursor: next });
      if (!ctx.current()) return;
      notifications = notifications.concat(body.notifications);
      next = body.next_cursor;
      draw();
    }

    function draw() {
      fill(main,
        h('h2', {}, 'Notifications'),
        h('p.meta', {}, unread === 1 ? '1 unread' : `${unread} unread`),
        h('div.chips', { role: 'group', 'aria-label': 'Status' }, STATUSES.map(([value, text]) => h('button', {
          type: 'button', 'aria-pressed': String(status === value), 'data-status': value || 'all',
          onclick: () => { status = value; refresh(); },
        }, text))),
        notifications.length ? h('ul.rows.notifications', {}, notifications.map(row)) : h('p.empty', {}, 'Nothing here.'),
        next ? h('button', { type: 'button', 'data-action': 'more', onclick: more }, 'More') : null);
    }

    function row(notification) {
      const unreadOne = notification.status === 'unread';
      return h(`li.card.item-${notification.category}`, {
        'data-notification-id': notification.id, 'data-status': notification.status, 'data-kind': notification.kind,
      },
        h('div', {}, h(unreadOne ? 'strong' : 'span', {}, notification.title)),
        h('div', {}, notification.summary),
        h('div.meta', {}, [
          notification.category,
          notification.calendar_id ? ctx.calendarName(notification.calendar_id) : null,
          label(notification.occurred_at, state.zone, { hour12: ctx.hour12 }),
          notification.owner ? `owner ${notification.owner}` : null,
        ].filter(Boolean).join(' · ')),
        deliveries(notification),
        h('div.status', {}, notification.status),
        h('div.actions', {},
          notification.actions.filter((action) => ACTIONS[action.name]).map((action) => h(`button${ACTIONS[action.name].style}`, {
            type: 'button', 'data-action': action.name, onclick: () => act(notification, action),
          }, ACTIONS[action.name].label)),
          unreadOne ? h('button', { type: 'button', 'data-action': 'read', onclick: () => mark(notification, 'read') }, 'Mark read') : null,
          notification.status !== 'acknowledged'
            ? h('button', { type: 'button', 'data-action': 'acknowledge', onclick: () => mark(notification, 'acknowledge') }, 'Acknowledge')
            : null));
    }

    /** The last line of its e-mail and webhook history, per channel: sent, suppressed (by which policy), held, failed. */
    function deliveries(notification) {
      const last = new Map();
      for (const step of notification.deliveries || []) last.set(step.channel || 'all', step);
      if (!last.size) return null;
      return h('div.meta.deliveries', {}, [...last.entries()].map(([channel, step]) =>
        `${channel === 'all' ? 'e-mail and webhook' : channel}: ${step.outcome.replace(/_/g, ' ')}${step.policy ? ` (${step.policy})` : ''}`
        + (step.detail && step.outcome !== 'sent' ? ` – ${step.detail}` : '')).join('; '));
    }

    async function mark(notification, what) {
      try {
        await command('POST', `/notifications/${encodeURIComponent(notification.id)}/${what}`);
        await refresh();
      } catch (error) {
        refusal(error, refresh);
      }
    }

    async function act(notification, action) {
      if (action.name === 'reschedule') {
        openDialog('Reschedule the missed run', form([
          { name: 'new_time', label: `New start (${state.zone})`, type: 'datetime-local', value: localInputOf(notification.occurred_at, state.zone), required: true },
        ], (values) => send(notification, action, { new_time: instantOfLocalInput(values.new_time, state.zone) }), { submitLabel: 'Reschedule' }));
        return;
      }
      await send(notification, action, {});
    }

    /** Sends the action as the API gave it, then acknowledges the notification: the user has dealt with it. */
    async function send(notification, action, values) {
      try {
        await command(action.method, action.path, { ...(action.body || {}), ...values });
        closeDialog();
        toast(ACTIONS[action.name].done);
        await command('POST', `/notifications/${encodeURIComponent(notification.id)}/acknowledge`);
      } catch (error) {
        refusal(error, refresh);
        return;
      }
      await refresh();
    }

    await refresh();
    return {
      refresh,
      // A notification event names none of the followed calendars' entries: only this view and the badge refetch.
      onLive: (event) => { if (event.type === 'notification') { refresh(); return true; } return false; },
    };
  },
};
