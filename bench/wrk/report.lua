-- Shared by the wrk scripts of scripts/bench (loaded with dofile). It remembers each thread as
-- wrk creates it and, when the run ends, prints one line that bench/bench.py reads:
--   BENCH {"requests":N,"seconds":S,"rps":R,"p50_ms":..,"p99_ms":..,"errors":{..},..}
-- Latencies come from wrk's own histogram (microseconds; --latency is not needed for them).
-- "status_errors" is wrk's count of answers with a status of 400 or more.

local threads = {}

-- Call from setup(thread): numbers the threads 1, 2, ... (the global `thread_index` in each).
function bench_register(thread)
  threads[#threads + 1] = thread
  thread:set("thread_index", #threads)
end

function bench_threads()
  return threads
end

local function json_value(v)
  if type(v) == "table" then
    local parts = {}
    for k, x in pairs(v) do
      parts[#parts + 1] = string.format("%q:%s", tostring(k), json_value(x))
    end
    table.sort(parts)
    return "{" .. table.concat(parts, ",") .. "}"
  elseif type(v) == "string" then
    return string.format("%q", v)
  elseif type(v) == "boolean" then
    return tostring(v)
  end
  return string.format("%.3f", v)
end

-- Prints the BENCH line; `extra` (a table, may be nil) adds fields.
function bench_report(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local out = {
    requests = summary.requests,
    seconds = seconds,
    rps = summary.requests / seconds,
    p50_ms = latency:percentile(50) / 1000,
    p90_ms = latency:percentile(90) / 1000,
    p99_ms = latency:percentile(99) / 1000,
    max_ms = latency.max / 1000,
    bytes = summary.bytes,
    errors = {
      connect = summary.errors.connect, read = summary.errors.read,
      write = summary.errors.write, timeout = summary.errors.timeout,
    },
    status_errors = summary.errors.status,
  }
  for k, v in pairs(extra or {}) do out[k] = v end
  io.write("BENCH ", json_value(out), "\n")
end
