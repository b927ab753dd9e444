-- Varied vacancy searches for wrk: every request is another search (a word, a region or none,
-- a page), so that none is answered from what the index remembers (`Live::remembered` keeps the
-- last 128 answers until the index changes). It measures the cost of a search as visitors' own
-- queries make it; the search benchmark's runs repeat one request each.
--
--   wrk -t2 -c32 -d10s --latency -s crates/enbek/benches/varied.lua http://127.0.0.1:PORT
--
-- 30 words (Russian and Kazakh, word forms among them) × 21 region choices × 3 pages = 1,890
-- searches, taken in turn; each wrk thread starts at its own place in the turn.

local words = {
    "водитель", "бухгалтер", "бухгалтера", "бухгалтерлер", "мұғалім", "повар", "продавец",
    "сварщик", "электрик", "охранник", "врач", "медсестра", "учитель", "менеджер", "инженер",
    "оператор", "слесарь", "грузчик", "кассир", "механик", "тракторист", "уборщик",
    "программист", "экономист", "юрист", "жүргізуші", "сатушы", "аспаз", "дәрігер", "тәрбиеші",
}

local regions = {
    "", "100000000", "110000000", "150000000", "190000000", "230000000", "270000000",
    "310000000", "330000000", "350000000", "390000000", "430000000", "470000000", "550000000",
    "590000000", "610000000", "620000000", "630000000", "710000000", "750000000", "790000000",
}

local pages = { 1, 2, 3 }

-- Percent-encodes a query value (the words are UTF-8).
local function encode(s)
    return (s:gsub("[^%w%-%._~]", function(c)
        return string.format("%%%02X", string.byte(c))
    end))
end

local paths = {}
for _, w in ipairs(words) do
    for _, r in ipairs(regions) do
        for _, p in ipairs(pages) do
            local path = "/api/v1/vacancies?q=" .. encode(w) .. "&page=" .. p
            if r ~= "" then
                path = path .. "&region_code=" .. r
            end
            table.insert(paths, path)
        end
    end
end

local threads = 0

function setup(thread)
    thread:set("offset", threads * 977)
    threads = threads + 1
end

function init(args)
    n = offset
end

function request()
    n = n + 1
    return wrk.format("GET", paths[(n % #paths) + 1])
end
