// What the user does to an entry: the `actions` an ops event carries (method, path, body), taken as they stand,
// plus creating an item and undoing a change within 5 minutes. Each sends If-Match with the version the user saw,
// and each success leaves its consistency token for the reads that follow.

import { command, read } from './api.js';
import { h, toast, refusal, openDialog, closeDialog, form } from './ui.js';
import { instantOfLocalInput, localInputOf, label } from './time.js';
import { changeRequestDialog } from './views/changes.js';

const LABELS = {
  reschedule: 'Reschedule', cancel: 'Cancel', confirm: 'Confirm', pause: 'Pause rule', resume: 'Resume rule',
  disable: 'Disable rule', enable: 'Enable rule', request_change: 'Request change', approve_backfill_run: 'Approve & run',
  delete_missed: 'Delete missed run', run_now: 'Run now', skip_next: 'Skip next run', undo: 'Undo',
};

export function actionLabel(action) {
  if (action.name === 'reschedule' && action.body?.action) return 'Reschedule missed run';
  return LABELS[action.name] || action.name.replace(/_/g, ' ');
}

/** The undo of an item's last change, offered for 5 minutes (LNK-UNDO). */
function offerUndo(message, itemId, after) {
  toast(message, {
    seconds: 300,
    undo: async () => {
      try {
        await command('POST', `/schedules/${encodeURIComponent(itemId)}/undo`, {});
        toast('Undone.');
        after?.();
      } catch (error) {
        refusal(error, after);
      }
    },
  });
}

/**
 * Takes one action of an event. `event` is an ops event (event_id, title, version when the API gives it);
 * `after` refreshes the view.
 */
export async function takeAction(action, event, ctx, after) {
  const isItem = event.source === 'item';
  const ifMatch = event.version ?? undefined;
  try {
    switch (action.name) {
      case 'reschedule':
        rescheduleForm(action, event, ctx, after);
        return;
      case 'request_change':
        changeRequestDialog(event.source_ref, ctx, after);
        return;
      case 'cancel': {
        if (!window.confirm(`Cancel “${event.title}”?`)) return;
        await command(action.method, action.path, { ...(action.body || {}), reason: 'Cancelled in the console' }, { ifMatch });
        if (isItem) offerUndo(`Cancelled “${event.title}”.`, event.event_id, after); else toast(`Cancelled “${event.title}”.`);
        break;
      }
      default: {
        // Rule actions act on the rule, whose version the event does not carry: they are sent without If-Match.
        await command(action.method, action.path, action.body || (action.method === 'POST' ? {} : undefined),
          { ifMatch: isItem ? ifMatch : undefined });
        if (isItem) offerUndo(`${actionLabel(action)}: “${event.title}”.`, event.event_id, after);
        else toast(`${actionLabel(action)}: done for “${event.title}”.`);
      }
    }
    closeDialog();
    after?.();
  } catch (error) {
    refusal(error, after);
  }
}

/** The reschedule form: a new start on the view's wall clock (UI-KEYS `r`), and why. */
export function rescheduleForm(action, event, ctx, after) {
  const zone = ctx.state.zone;
  openDialog(`Reschedule “${event.title}”`, form([
    { name: 'new_time', label: `New start (${zone})`, type: 'datetime-local', value: localInputOf(event.scheduled_at_utc, zone), required: true },
    { name: 'reason', label: 'Reason', value: '', hint: 'Optional; kept in the audit log.' },
  ], async (values) => {
    const newTime = instantOfLocalInput(values.new_time, zone);
    const body = { ...(action.body || {}), new_time: newTime || values.new_time };
    if (values.reason && !action.body?.action) body.reason = values.reason;
    await command(action.method, action.path, body, { ifMatch: action.body?.action ? undefined : event.version ?? undefined });
    closeDialog();
    if (event.source === 'item') offerUndo(`Moved “${event.title}” to ${label(body.new_time, zone)}.`, event.event_id, after);
    else toast(`Rescheduled the missed run of “${event.title}”.`);
    after?.();
  }, { submitLabel: 'Reschedule' }));
}

/** A move by drag and drop: the same command as the form, with the instant the grid dropped it at. */
export async function moveTo(event, newTime, ctx, after, revert) {
  const action = event.actions.find((each) => each.name === 'reschedule' && !each.body?.action);
  if (!action) { revert?.(); return; }
  try {
    await command(action.method, action.path, { new_time: newTime, reason: 'Moved in the console' }, { ifMatch: event.version ?? undefined });
    offerUndo(`Moved “${event.title}” to ${label(newTime, ctx.state.zone, { hour12: ctx.hour12 })}.`, event.event_id, after);
    after?.();
  } catch (error) {
    revert?.();
    refusal(error, after);
  }
}

/** The new-item form, at a start the user picked (or the next hour), on the view's wall clock. */
export function createItemForm(ctx, after, { start, end } = {}) {
  const zone = ctx.state.zone;
  const calendars = ctx.state.calendars.filter((calendar) => ctx.canEdit(calendar.id));
  const from = start || new Date(Math.ceil(Date.now() / 3600e3) * 3600e3).toISOString();
  const minutes = end ? Math.round((Date.parse(end) - Date.parse(from)) / 60000) : 60;
  openDialog('New item', form([
    { name: 'calendar_id', label: 'Calendar', type: 'select', value: ctx.state.calendar,
      options: calendars.map((calendar) => [calendar.id, calendar.name || calendar.id]) },
    { name: 'title', label: 'Title', value: '', required: true },
    { name: 'type', label: 'Type', value: 'meeting', required: true, hint: 'meeting, maintenance, report…' },
    { name: 'start', label: `Start (${zone})`, type: 'datetime-local', value: localInputOf(from, zone), required: true },
    { name: 'duration', label: 'Duration', value: minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`, hint: 'Such as 30m, 1h or 1h30m.' },
    { name: 'priority', label: 'Priority', type: 'select', value: 'normal', options: ['low', 'normal', 'high', 'critical'] },
    { name: 'tags', label: 'Tags', value: '', hint: 'Comma-separated.' },
  ], async (values) => {
    const body = {
      calendar_id: values.calendar_id, title: values.title, type: values.type,
      start: instantOfLocalInput(values.start, zone) || values.start, duration: values.duration || undefined,
      timezone: zone, priority: values.priority,
      tags: values.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
    };
    const { body: created } = await command('POST', '/schedules', body);
    closeDialog();
    toast(`Scheduled “${values.title}”.`);
    after?.(created);
  }, {
    submitLabel: 'Schedule',
    // The form sets the end by a duration; the API names the end it computed from it (SCH-001..003).
    fieldNames: { end: 'duration' },
  }));
}

/** The whole entry, read by id: what the feed leaves out (status, resources, links), and its ETag. */
export async function readEntry(id) {
  const { body, etag } = await read(`/schedules/${encodeURIComponent(id)}`);
  return { entry: body, version: etag ? etag.replace(/"/g, '') : undefined };
}

/** Details of an ops event with its actions (Enter on an entry). */
export async function detailsDialog(event, ctx, after) {
  const zone = ctx.state.zone;
  const rows = [
    ['When', `${label(event.scheduled_at_utc, zone, { hour12: ctx.hour12 })} (${event.timezone_display})`],
    ['Length', `${Math.round(event.duration_hint_seconds / 60)} min`],
    ['Calendar', ctx.calendarName(event.calendar_id)],
    ['Source', event.source === 'item' ? 'one-off item' : `${event.source} rule ${event.source_ref}`],
    ['Status', event.status], ['Category', event.category],
    event.owner_id ? ['Owner', event.owner_id] : null,
    event.description ? ['Schedule', event.description] : null,
  ].filter(Boolean);
  // The feed offers only what the caller's role allows (a viewer: a change request of a rule at most).
  const { actions } = event;
  const content = h('div', {},
    h('table.plain', {}, h('tbody', {}, rows.map(([name, value]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value))))),
    actions.length ? h('div.actions', { role: 'group', 'aria-label': 'Actions' },
      actions.map((action) => h(`button${action.name === 'cancel' || action.name.startsWith('delete') ? '.danger' : ''}`, {
        type: 'button', 'data-action': action.name, onclick: () => takeAction(action, event, ctx, after),
      }, actionLabel(action)))) : h('p.hint', {}, ctx.canEdit(event.calendar_id) ? 'No action applies now.' : 'You may view this calendar, not change it.'),
    h('div.buttons', {}, h('button', { type: 'button', onclick: closeDialog }, 'Close')));
  openDialog(event.title, content);
}
