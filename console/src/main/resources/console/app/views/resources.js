// Calendars and resources: the calendars the user may read with their capacity, the free slots of one on a day,
// and the availability and free slots of a resource picked from the resources list.

import { read, readAll } from '../api.js';
import { h, fill, markDrawn, refusal } from '../ui.js';
import { addDays, dateLabel, instantOf, localParts } from '../time.js';

function startOfDay(date, zone) {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(instantOf(y, mo, d, 0, 0, 0, zone)).toISOString();
}

function slotList(slots) {
  return slots.length
    ? h('ul.slots', {}, slots.map((slot) => h('li', {}, `${localParts(slot.local_start).time}–${localParts(slot.local_end).time}`)))
    : h('p.empty', {}, 'No free slot.');
}

export default {
  title: 'Calendars & resources',
  usesCalendar: true,
  creates: false,
  step: (date, direction) => addDays(date, direction),
  period: (state) => dateLabel(state.date),

  async render(main, ctx) {
    const { state } = ctx;
    let duration = '30m';
    let resourceId = '';

    async function refresh(options = {}) {
      const from = startOfDay(state.date, state.zone);
      const till = startOfDay(addDays(state.date, 1), state.zone);
      const [{ body: slots }, resources] = await Promise.all([
        read(`/calendars/${encodeURIComponent(state.calendar)}/availability/slots`,
          { from, till, duration, timezone: state.zone }, { token: options.token }),
        readAll('/resources', { limit: 1000 }, (page) => page.resources, { token: options.token }),
      ]);
      let resource = null;
      const definition = resources.find((each) => each.id === resourceId);
      if (definition) {
        try {
          const [{ body: availability }, { body: free }] = await Promise.all([
            read(`/resources/${encodeURIComponent(resourceId)}/availability`, { from, till }),
            read(`/resources/${encodeURIComponent(resourceId)}/availability/slots`, { from, till, duration, timezone: state.zone }),
          ]);
          resource = { definition, availability, free };
        } catch (error) {
          refusal(error);
        }
      }
      if (!ctx.current()) return;
      draw(slots, resources, resource);
      markDrawn(`resources:${state.date}`);
    }

    function picker(resources) {
      if (!resources.length) return h('p.empty', {}, 'No resources yet.');
      return h('label', {}, 'Resource ', h('select', {
        id: 'resource-id',
        onchange: (e) => { resourceId = e.target.value; refresh(); },
      },
      h('option', { value: '', selected: !resourceId }, 'Choose a resource'),
      resources.map((each) => h('option', { value: each.id, selected: each.id === resourceId }, `${each.name} (${each.type})`))));
    }

    function draw(slots, resources, resource) {
      fill(main,
        h('h2', {}, 'Calendars'),
        h('table.plain', {},
          h('thead', {}, h('tr', {}, ['Calendar', 'Type', 'Time zone', 'Capacity', 'Overbooking'].map((name) => h('th', { scope: 'col' }, name)))),
          h('tbody', {}, state.calendars.map((calendar) => h('tr', { 'data-calendar-id': calendar.id },
            h('th', { scope: 'row' }, h('a', { href: `#/week?${new URLSearchParams({ cal: calendar.id, tz: state.zone, date: state.date })}` }, calendar.name || calendar.id)),
            h('td', {}, calendar.type || ''), h('td', {}, calendar.timezone || ''), h('td', {}, calendar.capacity ?? ''),
            h('td', {}, calendar.overbooking_policy || ''))))),
        h('div.grid2', {},
          h('section.panel', { 'aria-labelledby': 'slots-title' },
            h('h3', { id: 'slots-title' }, `Free slots of ${ctx.calendarName(state.calendar)} on ${dateLabel(state.date)}`),
            h('label', {}, 'Length ', h('select', {
              onchange: (e) => { duration = e.target.value; refresh(); },
            }, ['15m', '30m', '1h', '2h'].map((value) => h('option', { value, selected: value === duration }, value)))),
            slotList(slots.slots || slots.free_slots || [])),
          h('section.panel', { 'aria-labelledby': 'resource-title' },
            h('h3', { id: 'resource-title' }, 'A resource'),
            picker(resources),
            resource ? h('div', {},
              h('p', {}, `${resource.definition.name || resource.definition.id} (${resource.definition.type}): `,
                h('strong', {}, resource.availability.status || (resource.availability.available ? 'available' : 'unavailable'))),
              slotList(resource.free.slots || resource.free.free_slots || [])) : null)));
    }

    await refresh();
    return { refresh, follows: () => [state.calendar] };
  },
};
