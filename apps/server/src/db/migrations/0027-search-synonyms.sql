-- Synonyms and abbreviations applied to search words at query time (docs/search.md "Synonyms").
-- A query word equal to `term` also matches documents having any of `synonyms` (one direction;
-- both directions are two rows). Admins edit the table through /api/admin/search/synonyms.
CREATE TABLE search_synonyms (
  term        text        PRIMARY KEY,
  synonyms    text[]      NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO search_synonyms (term, synonyms) VALUES
  ('wp', ARRAY['wordpress']),
  ('wordpress', ARRAY['wp']),
  ('ecommerce', ARRAY['e-commerce', 'shop', 'store']),
  ('e-commerce', ARRAY['ecommerce', 'shop', 'store']),
  ('logo', ARRAY['logotype']),
  ('logotype', ARRAY['logo']),
  ('seo', ARRAY['search-engine']),
  ('ui', ARRAY['interface']),
  ('ux', ARRAY['usability']),
  ('js', ARRAY['javascript']),
  ('javascript', ARRAY['js']),
  ('ts', ARRAY['typescript']),
  ('ai', ARRAY['artificial']),
  ('ml', ARRAY['machine-learning']),
  ('smm', ARRAY['social']),
  ('cv', ARRAY['resume']),
  ('resume', ARRAY['cv']),
  ('vo', ARRAY['voiceover']),
  ('voiceover', ARRAY['voice']),
  ('shopify', ARRAY['ecommerce', 'e-commerce']),
  ('podcast', ARRAY['audio']),
  ('deck', ARRAY['presentation', 'powerpoint', 'slides']),
  ('pitch', ARRAY['presentation']),
  ('ppt', ARRAY['powerpoint', 'presentation']),
  ('yt', ARRAY['youtube']),
  ('illustrator', ARRAY['illustration']);
