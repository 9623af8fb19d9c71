-- Spreadsheet imports (POST /api/v1/imports): one row per uploaded file, its counts moved on as its rows go through the
-- intake. The rows themselves become feedback or customer_event rows like any others; only the rejected ones are kept
-- here, with the cells as they were in the file and why each was refused, for the CSV a person corrects and imports again.
create table import_job (
    id          uuid primary key,
    tenant      text             not null,
    type        text             not null,
    status      text             not null,
    file_name   text,
    format      text             not null,
    file_key    text             not null,
    time_zone   text             not null,
    columns     jsonb            not null,
    mapping     jsonb            not null,
    guessed     boolean          not null,
    rows_read   bigint           not null default 0,
    accepted    bigint           not null default 0,
    duplicates  bigint           not null default 0,
    rejected    bigint           not null default 0,
    progress    double precision not null default 0,
    error       text,
    created_at  timestamptz      not null,
    started_at  timestamptz,
    finished_at timestamptz
);

create table import_rejected_row (
    job_id     uuid    not null references import_job (id) on delete cascade,
    row_number integer not null,
    cells      jsonb   not null,
    errors     jsonb   not null,
    primary key (job_id, row_number)
);
