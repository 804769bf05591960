-- Files: uploaded bytes live in storage (local disk under the data directory by default); rows hold
-- their facts. `file_links` ties a file to what it is attached to, which decides who may read it.

CREATE TABLE files (
  id            text        PRIMARY KEY,
  owner_id      text        NOT NULL REFERENCES users (id),
  name          text        NOT NULL,
  size          bigint      NOT NULL,
  content_type  text        NOT NULL,
  sha256        text        NOT NULL,
  storage_key   text        NOT NULL,
  width         integer,
  height        integer,
  created_at    timestamptz NOT NULL
);
CREATE INDEX files_owner ON files (owner_id, created_at);

CREATE TABLE file_variants (
  file_id       text        NOT NULL REFERENCES files (id),
  variant       text        NOT NULL,
  storage_key   text        NOT NULL,
  content_type  text        NOT NULL,
  width         integer     NOT NULL,
  height        integer     NOT NULL,
  size          bigint      NOT NULL,
  PRIMARY KEY (file_id, variant)
);

CREATE TABLE file_links (
  file_id       text        NOT NULL REFERENCES files (id),
  subject_type  text        NOT NULL,
  subject_id    text        NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (file_id, subject_type, subject_id)
);
CREATE INDEX file_links_subject ON file_links (subject_type, subject_id);
