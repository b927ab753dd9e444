-- The client of the registration benchmark (crates/enbek/benches/registration.rs), for wrk.
--
-- Arguments after `--`: the applicants' file (a token and an IIN to a line), the threads, the
-- seconds to post applications for, and the file the answered registrations' ids are written
-- to. Each thread takes its own slice of the file and posts each applicant's application once,
-- signed in with the applicant's token. After the seconds (or its slice) run out, a thread posts
-- nothing more and only waits for the answers still due, so that every application posted is
-- answered before wrk stops (wrk runs a few seconds longer than the posting).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *tp);
]]

-- Milliseconds on the monotonic clock, the same in every thread.
local function now_ms()
    local t = ffi.new("bench_timespec")
    ffi.C.clock_gettime(1, t)
    return tonumber(t.tv_sec) * 1000 + tonumber(t.tv_nsec) / 1e6
end

local BODY = '{"iin":"%s","career_center_id":"cc-kokshetau","phone":"+7 701 123 45 67",'
    .. '"email":"person@example.kz","publish_resume":true,"outsourcing_consent":false,'
    .. '"personal_data_consent":true}'

local threads = {}

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    -- The script's own arguments, whether or not wrk passes its URL first.
    local own = {}
    for i = 0, #args do
        local a = args[i]
        if a and a ~= "--" and not a:match("^https?://") then
            table.insert(own, a)
        end
    end
    local file, count, seconds = own[1], tonumber(own[2]), tonumber(own[3])
    ids_file = own[4]
    local lines = {}
    for line in io.lines(file) do
        table.insert(lines, line)
    end
    local per = math.floor(#lines / count)
    applicants = {}
    for n = id * per + 1, (id + 1) * per do
        local token, iin = lines[n]:match("^(%S+)%s+(%S+)$")
        table.insert(applicants, { token, iin })
    end
    next_one = 1
    -- The applicants whose applications are about to be sent: wrk calls delay() before each
    -- request a connection sends, and request() once more, unsent, to check the script.
    ready, first_ready, last_ready = {}, 1, 0
    posted, registered, other_created, failed = 0, 0, 0, 0
    sample = ""
    ids = {}
    started = now_ms()
    deadline = started + seconds * 1000
    last_answer = started
    exhausted = 0
end

-- The next applicant for the connection about to send; none after the deadline or the
-- slice's end: the connection idles.
function delay()
    if next_one > #applicants then
        exhausted = 1
        return 3600000
    end
    if now_ms() >= deadline then
        return 3600000
    end
    last_ready = last_ready + 1
    ready[last_ready] = applicants[next_one]
    next_one = next_one + 1
    posted = posted + 1
    return 0
end

function request()
    local a = ready[first_ready]
    if a == nil then
        return wrk.format("GET", "/healthz")
    end
    ready[first_ready] = nil
    first_ready = first_ready + 1
    local headers = {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. a[1],
    }
    return wrk.format("POST", "/api/v1/registrations", headers, string.format(BODY, a[2]))
end

function response(status, headers, body)
    last_answer = now_ms()
    if status == 201 then
        table.insert(ids, body:match('"id":"([^"]+)"') or "?")
        if body:find('"status":"job_seeker"', 1, true) then
            registered = registered + 1
        else
            other_created = other_created + 1
            if sample == "" then
                sample = "201 " .. body
            end
        end
    else
        failed = failed + 1
        if sample == "" then
            sample = status .. " " .. body
        end
    end
end

function done(summary, latency, requests)
    local first, last = math.huge, 0
    local totals = { posted = 0, registered = 0, other_created = 0, failed = 0, exhausted = 0 }
    local samples = {}
    local out = assert(io.open(threads[1]:get("ids_file"), "w"))
    for _, t in ipairs(threads) do
        for name, _ in pairs(totals) do
            totals[name] = totals[name] + t:get(name)
        end
        first = math.min(first, t:get("started"))
        last = math.max(last, t:get("last_answer"))
        local s = t:get("sample")
        if s ~= "" then
            table.insert(samples, s)
        end
        for _, id in ipairs(t:get("ids")) do
            out:write(id, "\n")
        end
    end
    out:close()
    local e = summary.errors
    io.write(string.format(
        "BENCH posted=%d registered=%d other_created=%d failed=%d exhausted=%d window_ms=%.0f "
            .. "p50_us=%d p99_us=%d socket_errors=%d timeouts=%d\n",
        totals.posted, totals.registered, totals.other_created, totals.failed, totals.exhausted,
        last - first, latency:percentile(50), latency:percentile(99),
        e.connect + e.read + e.write, e.timeout))
    for _, s in ipairs(samples) do
        io.write("SAMPLE ", (s:gsub("\n", " ")), "\n")
    end
end
