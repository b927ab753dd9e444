-- The key the servers of one deployment share (platform::keys): the first server to start makes
-- it, every other reads it, so that what one server seals (a search cursor) or signs (a form's
-- CSRF token) another opens or checks.
CREATE TABLE deployment_keys (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);
