-- GET requests for scripts/bench: the paths are the lines of the file named by the first
-- script argument (`wrk ... URL -- PATHS_FILE`), sent in turn, each thread starting at its
-- own place in the list. Headers given with wrk -H (the session cookie, Accept-Encoding)
-- go with every request. With one path the request is built once, as plain wrk would.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local requests = {}
local next_request = 1

function setup(thread)
  bench_register(thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then requests[#requests + 1] = wrk.format("GET", line) end
  end
  assert(#requests > 0, "no paths in " .. args[1])
  if #requests == 1 then
    wrk.path = requests[1]:match("^GET (%S+)")
    return -- no request(): wrk sends the same bytes each time
  end
  -- Threads start far apart so that they do not ask for the same rows at the same moment.
  next_request = math.floor((thread_index - 1) * #requests / 2) % #requests + 1
  request = function()
    local r = requests[next_request]
    next_request = next_request % #requests + 1
    return r
  end
end

function done(summary, latency, requests_stats)
  bench_report(summary, latency, { paths = #requests })
end
