// The activities that are on the calendar and in the dashboard's "activities per month":
// delegations, visits and conferences approved or later, with their dates. One rule, shared.
import { get, withQuery } from '../api.js';
import { workflows } from '../reference.js';

// The kinds that are activities with dates (aid and agreements are not on the calendar).
export const ACTIVITY_KINDS = ['outbound_delegation', 'inbound_visit', 'conference'];
const SHOWN_STAGES = new Set(['approved', 'activity', 'report']);
const MAX_PAGES = 50;

// Every summary matching params, following next_cursor (at most MAX_PAGES pages of 200).
export async function allProposals(params) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await get(withQuery('/api/proposals', { ...params, limit: 200, cursor }));
    items.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// Approved and later: the state's stage (in the kind's definition) is approved, activity or
// report, or the state is closed (completed); not postponed, whose dates are no longer the
// activity's. The same rule as the iCalendar feed (src/service/calendar_feed.cpp).
async function scheduledTest() {
  const stageOf = new Map();
  for (const w of (await workflows()) || []) for (const s of w.states || []) stageOf.set(`${w.kind}/${s.id}`, s.stage);
  return (p) => !!p.starts_on && p.state !== 'postponed'
    && (p.state === 'closed' || SHOWN_STAGES.has(stageOf.get(`${p.kind}/${p.state}`)));
}

// The scheduled activities whose dates overlap [from, to] ('YYYY-MM-DD'), sorted by start
// date, with ends_on never before starts_on.
export async function loadActivities(from, to) {
  const [isScheduled, ...lists] = await Promise.all([scheduledTest(),
    ...ACTIVITY_KINDS.map((kind) => allProposals({ kind, from, to }))]);
  return lists.flat().filter(isScheduled)
    .map((p) => ({ ...p, ends_on: p.ends_on && p.ends_on >= p.starts_on ? p.ends_on : p.starts_on }))
    .sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.ends_on.localeCompare(b.ends_on)
      || a.ref.localeCompare(b.ref));
}
