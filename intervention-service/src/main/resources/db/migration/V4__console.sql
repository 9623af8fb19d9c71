-- Signed-in people of the manager console. The cookie holds a random id; only its SHA-256 is kept here.
create table console_session (
    id_hash    text primary key,
    tenant     text        not null,
    email      text        not null,
    name       text,
    role       text        not null,
    -- the CSRF token every console POST must carry (X-CSRF-Token)
    csrf       text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index console_session_expiry on console_session (expires_at);

-- Sign-in links work once: the SHA-256 of each link token that was used, kept until the token would have expired.
create table console_link_use (
    token_hash text primary key,
    used_at    timestamptz not null,
    expires_at timestamptz not null
);
create index console_link_use_expiry on console_link_use (expires_at);

-- E-mails carry an HTML part beside the text; every notification carries a sign-in link into the console for
-- link_for (the person the message is addressed to), made when it is sent (the stored body holds a placeholder).
alter table notification
    add column html     text,
    add column link_for text;

-- The console finds a person's tenants and customers by e-mail.
create index customer_contact_email on customer_contact (lower(email), tenant);
