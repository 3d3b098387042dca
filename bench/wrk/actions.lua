-- Approval-step actions for scripts/bench: POST /api/proposals/{id}/actions, each request on a
-- different proposal, as prepared by bench/bench.py while the server was stopped.
--   wrk ... URL -- PLAN_FILE SESSIONS_FILE THREADS
-- PLAN_FILE, one step a line, tab-separated:
--   proposal_id  expected_version  action  session  actor_id  from_state  to_state
-- SESSIONS_FILE, one logged-in user a line (session numbers count from 0):
--   cookie  csrf_token
-- Thread k of THREADS takes lines k, k+THREADS, ...; a thread whose share runs out sends its
-- last step again (a stale version: 409) and stops, and the report says "exhausted".
-- Only 2xx answers count as done; every other status is counted by code.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local plan = {}
local sessions = {}
local next_step = 1
statuses = {}   -- status code -> count, read by done() through thread:get
exhausted = 0

function setup(thread)
  bench_register(thread)
end

local function split(line)
  local cols = {}
  for col in line:gmatch("[^\t]+") do cols[#cols + 1] = col end
  return cols
end

function init(args)
  local count = 0
  for line in io.lines(args[2]) do
    local c = split(line)
    if #c >= 2 then
      sessions[count] = { cookie = c[1], csrf = c[2] }
      count = count + 1
    end
  end
  local threads = tonumber(args[3])
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if (n - 1) % threads == thread_index - 1 then
      local c = split(line)
      plan[#plan + 1] = { id = c[1], version = c[2], action = c[3], session = tonumber(c[4]) }
    end
  end
  assert(#plan > 0, "thread " .. thread_index .. " has no steps in " .. args[1])
end

local function format(step)
  local s = sessions[step.session]
  local body = string.format(
    '{"action":"%s","expected_version":%s,"comment":"benchmark step (scripts/bench)"}',
    step.action, step.version)
  return wrk.format("POST", "/api/proposals/" .. step.id .. "/actions", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = s.cookie,
    ["X-CSRF-Token"] = s.csrf,
  }, body)
end

function request()
  if next_step > #plan then
    if exhausted == 0 then wrk.thread:stop() end
    exhausted = exhausted + 1
    return format(plan[#plan])
  end
  local r = format(plan[next_step])
  next_step = next_step + 1
  return r
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests_stats)
  local total, ok, out_of_steps = {}, 0, 0
  for _, t in ipairs(bench_threads()) do
    for code, count in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + count
      if code >= 200 and code < 300 then ok = ok + count end
    end
    out_of_steps = out_of_steps + (t:get("exhausted") > 0 and 1 or 0)
  end
  bench_report(summary, latency, {
    ok = ok,
    ok_per_s = ok / (summary.duration / 1e6),
    statuses = total,
    exhausted_threads = out_of_steps,
  })
end
