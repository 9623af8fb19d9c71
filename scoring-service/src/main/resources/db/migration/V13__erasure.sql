-- Erasures scoring has applied (CustomerErasureRequested on the ingest topic), one row each, without the customer: an
-- erasure delivered again, under any record id, finds its row and changes nothing. What it removed or re-keyed, by
-- what, is kept as the ErasureStep announced it (JSON, text).
create table erasure (
    erasure_id   text        primary key,
    tenant       text        not null,
    requested_at timestamptz,
    done_at      timestamptz not null,
    counts       text
);
