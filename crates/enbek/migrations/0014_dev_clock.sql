-- Development mode's clock once set by hand (setClock): kept so that a restarted development
-- server stands at the same instant. One row; never read outside development mode.
CREATE TABLE dev_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    instant TEXT NOT NULL
);
