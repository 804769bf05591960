-- The category taxonomy: two levels, addressed by slug.

CREATE TABLE categories (
  id           text    PRIMARY KEY,
  slug         text    NOT NULL UNIQUE,
  name         text    NOT NULL,
  parent_id    text    REFERENCES categories (id),
  position     integer NOT NULL DEFAULT 0,
  description  text    NOT NULL DEFAULT ''
);
CREATE INDEX categories_parent ON categories (parent_id, position);
