// Conflicts: open (detected), escalated and closed ones, with the API's suggestions, and resolve, escalate or
// dismiss, each with the conflict's version as If-Match (ADR 0017).

import { read, readAll, command } from '../api.js';
import { h, fill, markDrawn, openDialog, closeDialog, form, toast, refusal } from '../ui.js';
import { label } from '../time.js';

const STATUSES = [['detected', 'Open'], ['escalated', 'Escalated'], ['resolved', 'Resolved'], ['dismissed', 'Dismissed'], ['cleared', 'Cleared']];
const METHODS = ['rescheduled', 'resource_changed', 'event_cancelled', 'override_applied', 'split'];
let status = 'detected';
let onlyThisCalendar = false;

export default {
  title: 'Conflicts',
  usesCalendar: true,
  creates: false,

  async render(main, ctx) {
    const { state } = ctx;
    let conflicts = [];
    const after = () => refresh();

    async function refresh(options = {}) {
      conflicts = await readAll('/conflicts', { status, calendar_id: onlyThisCalendar ? state.calendar : undefined, limit: 200 },
        (page) => page.conflicts, { token: options.token, limit: 200 });
      if (!ctx.current()) return;
      draw();
      markDrawn(`conflicts:${status}`);
    }

    function draw() {
      fill(main,
        h('h2', {}, 'Conflicts'),
        h('div.chips', {},
          h('div.chips', { role: 'group', 'aria-label': 'Status' }, STATUSES.map(([value, text]) => h('button', {
            type: 'button', 'aria-pressed': String(status === value), 'data-status': value, onclick: () => { status = value; refresh(); },
          }, text))),
          h('label', {}, h('input', {
            type: 'checkbox', checked: onlyThisCalendar, onchange: (e) => { onlyThisCalendar = e.target.checked; refresh(); },
          }), ` Only ${ctx.calendarName(state.calendar)}`)),
        conflicts.length ? h('ul.cards', {}, conflicts.map(card)) : h('p.empty', {}, 'No conflicts in this status.'));
    }

    function card(conflict) {
      // Suggestions are a read, which the API answers empty for a closed conflict; the commands are the conflict's `actions`.
      const open = conflict.status === 'detected' || conflict.status === 'escalated';
      return h('li.card.item-critical', { 'data-conflict-id': conflict.id, 'data-status': conflict.status },
        h('div', {}, h('strong', {}, `${conflict.level || ''} ${(conflict.type || 'conflict').replace(/_/g, ' ')}`)),
        h('div.meta', {}, `${ctx.calendarName(conflict.calendar_id)} · ${conflict.start ? label(conflict.start, state.zone, { hour12: ctx.hour12 }) : ''}`
          + (conflict.end ? ` – ${label(conflict.end, state.zone, { hour12: ctx.hour12, date: false })}` : '')),
        h('ul', {}, (conflict.entries || []).map((entry) => h('li', {}, `${entry.title} (${label(entry.start, state.zone, { hour12: ctx.hour12, date: false })})`))),
        conflict.peak_concurrency ? h('div.meta', {}, `${conflict.peak_concurrency} at once; capacity ${conflict.capacity}`) : null,
        h('div.status', {}, conflict.status),
        h('div.actions', {},
          open ? h('button', { type: 'button', 'data-action': 'suggestions', onclick: () => suggestions(conflict) }, 'Suggestions') : null,
          conflict.actions.filter((action) => FORMS[action.name]).map((action) => h(`button${FORMS[action.name].style}`, {
            type: 'button', 'data-action': action.name, onclick: () => FORMS[action.name].open(conflict, action),
          }, FORMS[action.name].label))));
    }

    /** Sends one of the conflict's actions as the API gives it, with what the user filled in. */
    async function lifecycle(conflict, action, values) {
      await command(action.method, action.path, { ...(action.body || {}), ...values }, { ifMatch: conflict.version });
      closeDialog();
      toast(`Conflict ${FORMS[action.name].done}.`);
      await refresh();
    }

    function resolve(conflict, action) {
      openDialog('Resolve the conflict', form([
        { name: 'method', label: 'How it was resolved', type: 'select', value: 'rescheduled', options: METHODS.map((m) => [m, m.replace(/_/g, ' ')]) },
        { name: 'note', label: 'Note', type: 'textarea', hint: 'Required when the breach is accepted (override applied).' },
      ], (values) => lifecycle(conflict, action, { method: values.method, note: values.note || undefined }), { submitLabel: 'Resolve' }));
    }

    function escalate(conflict, action) {
      openDialog('Escalate the conflict', form([
        { name: 'escalated_to', label: 'Hand it to', value: 'manager', required: true },
        { name: 'reason', label: 'Why', type: 'textarea', required: true },
      ], (values) => lifecycle(conflict, action, values), { submitLabel: 'Escalate' }));
    }

    function dismiss(conflict, action) {
      openDialog('Dismiss the conflict', form([
        { name: 'reason', label: 'Why it needs no action', type: 'textarea', required: true },
      ], (values) => lifecycle(conflict, action, values), { submitLabel: 'Dismiss' }));
    }

    /** The form that completes each action the API offers on a conflict, and how its button and its toast read. */
    const FORMS = {
      resolve: { open: resolve, label: 'Resolve', style: '.primary', done: 'resolved' },
      escalate: { open: escalate, label: 'Escalate', style: '', done: 'escalated' },
      dismiss: { open: dismiss, label: 'Dismiss', style: '.danger', done: 'dismissed' },
    };

    /** The API's ways out of the conflict; applying one moves the entry, and the conflict clears by itself. */
    async function suggestions(conflict) {
      let list;
      try {
        const { body } = await read(`/conflicts/${encodeURIComponent(conflict.id)}/suggestions`);
        list = Array.isArray(body) ? body : body.suggestions || [];
      } catch (error) {
        refusal(error, after);
        return;
      }
      openDialog('Suggestions', h('div', {},
        list.length ? h('ul.rows', {}, list.map((suggestion) => [suggestion, (suggestion.actions || []).find((a) => a.name === 'reschedule')])
          .map(([suggestion, move]) => h('li.row', { style: { gridTemplateColumns: '1fr auto' } },
          h('span', {}, suggestion.description, h('span.meta', {}, ` (${suggestion.effect})`)),
          // The API offers the move, its body complete, only where the user may make it.
          move ? h('button.primary', {
            type: 'button', 'data-action': 'apply-suggestion',
            onclick: async () => {
              try {
                await command(move.method, move.path, move.body);
                closeDialog();
                toast('Moved; the conflict clears once the detector sees it.');
                await refresh();
              } catch (error) {
                refusal(error, after);
              }
            },
          }, 'Apply') : null))) : h('p.empty', {}, 'No free slot takes an entry out of this conflict.'),
        h('div.buttons', {}, h('button', { type: 'button', onclick: closeDialog }, 'Close'))));
    }

    await refresh();
    return {
      refresh,
      follows: () => (onlyThisCalendar ? [state.calendar] : state.calendars.map((calendar) => calendar.id)),
    };
  },
};
