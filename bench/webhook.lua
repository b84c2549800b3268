-- Signed Standard Webhooks deliveries for the bench's webhook phase; usage, from the run directory:
--   wrk -t2 -c64 -d10s -s webhook.lua http://127.0.0.1:PORT/hooks/ID
-- Each request is POST of webhook-body.json with Content-Type: application/json and the three headers of
-- one pre-signed record (webhook-id, webhook-timestamp, webhook-signature): wrk's Lua has no HMAC, so
-- scripts/lib/webhook_bench.py signs them before each run into webhook-records.N, one file per wrk
-- thread N (a first line with the record length, then fixed-length records). Every record is used once:
-- a thread that has used all of its records stops and counts the request it could not sign as
-- exhausted, so a webhook-id is never sent twice. done() prints a WEBHOOK line (records used, exhausted)
-- and report.lua's RESULT line.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local f = assert(io.open(dir .. "webhook-body.json", "rb"))
local body = f:read("*a")
f:close()

-- setup() runs in wrk's main Lua state, once per thread, before that thread's init().
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

local records, record_length, prefix
used = 0
exhausted = 0

function init(args)
  records = assert(io.open(dir .. "webhook-records." .. thread_index, "rb"))
  record_length = tonumber(records:read("*l"))
  prefix = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. wrk.headers["Host"] ..
    "\r\nContent-Type: application/json\r\nContent-Length: " .. #body .. "\r\n"
end

function request()
  local record = records:read(record_length)
  if record == nil or #record ~= record_length then
    -- Out of records: stop this thread rather than reuse one; this request goes unsigned and is counted.
    exhausted = exhausted + 1
    wrk.thread:stop()
    return prefix .. "\r\n" .. body
  end
  used = used + 1
  return prefix .. record .. "\r\n" .. body
end

function done(summary, latency, requests)
  local total_used, total_exhausted = 0, 0
  for _, thread in ipairs(threads) do
    total_used = total_used + thread:get("used")
    total_exhausted = total_exhausted + thread:get("exhausted")
  end
  io.write(string.format('WEBHOOK {"records_used":%d,"exhausted":%d}\n', total_used, total_exhausted))
  report(summary, latency, requests)
end
