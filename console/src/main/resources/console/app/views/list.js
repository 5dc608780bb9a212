// List: a rolling 30 days of the calendar (OPS-WINDOW, UI-MOBILE: 7 days back, 23 ahead), grouped by local day,
// with the events' actions and a bulk reschedule of the selected items.

import { command } from '../api.js';
import { h, fill, markDrawn, toast, refusal } from '../ui.js';
import { addDays, dateLabel, instantOf, localParts } from '../time.js';
import { opsEventsIn } from './grid.js';
import { detailsDialog, rescheduleForm, createItemForm, actionLabel, takeAction } from '../actions.js';

const BACK = 7;
const DAYS = 30;

function startOfDay(date, zone) {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(instantOf(y, mo, d, 0, 0, 0, zone)).toISOString();
}

export default {
  title: 'List',
  usesCalendar: true,
  creates: true,
  step: (date, direction) => addDays(date, direction * DAYS),
  period: (state) => `${dateLabel(addDays(state.date, -BACK), { day: 'numeric', month: 'short' })} – ${dateLabel(addDays(state.date, DAYS - BACK - 1), { day: 'numeric', month: 'short', year: 'numeric' })}`,

  async render(main, ctx) {
    const { state } = ctx;
    const chosen = new Set();
    let events = [];
    let selected = null;
    const after = () => refresh();

    async function refresh(options = {}) {
      const first = addDays(state.date, -BACK);
      events = await opsEventsIn(startOfDay(first, state.zone), startOfDay(addDays(first, DAYS), state.zone), state.zone, state.calendar,
        { token: options.token });
      if (!ctx.current()) return;
      draw();
      markDrawn(`list:${state.date}`);
    }

    function draw() {
      const byDay = new Map();
      for (const event of events) {
        const { date } = localParts(event.scheduled_at_local);
        if (!byDay.has(date)) byDay.set(date, []);
        byDay.get(date).push(event);
      }
      const bulk = h('form.panel.chips', { 'aria-label': 'Bulk reschedule', onsubmit: (e) => { e.preventDefault(); shiftChosen(); } },
        h('label', {}, 'Move the selected items by ', h('input', { type: 'number', id: 'shift-minutes', value: 60, step: 15, style: { width: '6em' } }), ' minutes'),
        h('button', { type: 'submit', id: 'bulk-move' }, 'Move selected'),
        h('span', { id: 'chosen-count', 'aria-live': 'polite' }, `${chosen.size} selected`));
      fill(main,
        h('h2', {}, `${ctx.calendarName(state.calendar)}: 30 days in ${state.zone}`),
        events.some(movable) ? bulk : null,
        byDay.size ? null : h('p.empty', {}, 'Nothing in these 30 days.'),
        [...byDay.entries()].map(([date, dayEvents]) => h('section.day-group', { 'aria-label': dateLabel(date) },
          h('h3', {}, dateLabel(date)),
          h('ul.rows', {}, dayEvents.map((event) => row(event))))));
    }

    /** An item the feed offers its caller to move (an occurrence's reschedule is a missed run's decision). */
    function movable(event) {
      return event.source === 'item' && event.actions.some((action) => action.name === 'reschedule');
    }

    function row(event) {
      const checkbox = movable(event) ? h('input', {
        type: 'checkbox', checked: chosen.has(event.event_id), 'aria-label': `Select ${event.title}`,
        onchange: (e) => {
          if (e.target.checked) chosen.add(event.event_id); else chosen.delete(event.event_id);
          main.querySelector('#chosen-count').textContent = `${chosen.size} selected`;
        },
      }) : h('span');
      const quick = event.actions.filter((action) => ['cancel', 'pause', 'resume', 'approve_backfill_run'].includes(action.name));
      return h(`li.row.card.${event.color_key.replace('.', '-')}`, { 'data-event-id': event.event_id, 'data-status': event.status },
        checkbox,
        h('span', {}, localParts(event.scheduled_at_local).time),
        h('span', {},
          h('button.title', { type: 'button', onclick: () => detailsDialog(event, ctx, after), onfocus: () => { selected = event; } }, event.title),
          ' ', h(`span.status.status-${event.status}`, {}, event.status), ' ',
          h('span.meta', {}, `${event.source} · ${event.category}`)),
        h('span.actions', {}, quick.map((action) => h('button', {
          type: 'button', 'data-action': action.name, onclick: () => takeAction(action, event, ctx, after),
        }, actionLabel(action)))));
    }

    /** F033-BULK: one request, all moves or none (ADR 0016). */
    async function shiftChosen() {
      const minutes = Number(main.querySelector('#shift-minutes').value);
      const jobs = events.filter((event) => chosen.has(event.event_id)).map((event) => ({
        job_id: event.event_id,
        new_time: new Date(Date.parse(event.scheduled_at_utc) + minutes * 60000).toISOString(),
        ...(event.version !== undefined ? { expected_version: event.version } : {}),
      }));
      if (!jobs.length) { toast('Select the items to move first.'); return; }
      try {
        await command('POST', '/schedules/bulk-reschedule', { jobs, reason: `Moved by ${minutes} minutes in the console`, timezone: state.zone });
        toast(`Moved ${jobs.length} items by ${minutes} minutes.`);
        chosen.clear();
        await refresh();
      } catch (error) {
        refusal(error, refresh);
      }
    }

    await refresh();
    return {
      refresh,
      follows: () => [state.calendar],
      create: () => createItemForm(ctx, after),
      reschedule: () => {
        const action = selected?.actions.find((each) => each.name === 'reschedule');
        if (selected && action) rescheduleForm(action, selected, ctx, after);
        return Boolean(selected);
      },
      onKey(event) {
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
        const titles = [...main.querySelectorAll('button.title')];
        const index = titles.indexOf(document.activeElement);
        const next = titles[Math.max(0, Math.min(titles.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
        next?.focus();
        return Boolean(next);
      },
    };
  },
};

