-- Components: which components ({{> name}}, {{> name@label}}, {{> name:3}}) each version's
-- template includes, written in the same transaction as the version, so that "used by" can list
-- every prompt and version that includes a given prompt, and by what selector.
CREATE TABLE version_components (
  prompt_id integer NOT NULL,
  version integer NOT NULL,
  -- The reference, canonical: `support/guidelines`, `support/guidelines@production`, `…:3`.
  reference text COLLATE "C" NOT NULL,
  -- The included prompt's name.
  component text COLLATE "C" NOT NULL,
  requested text NOT NULL CHECK (requested IN ('latest', 'label', 'version')),
  label text,
  component_version integer,
  PRIMARY KEY (prompt_id, version, reference),
  FOREIGN KEY (prompt_id, version) REFERENCES versions (prompt_id, number) ON DELETE CASCADE,
  CHECK ((requested = 'label') = (label IS NOT NULL)),
  CHECK ((requested = 'version') = (component_version IS NOT NULL))
);

-- "Used by": the includers of one component, by includer.
CREATE INDEX version_components_component_index
  ON version_components (component, prompt_id, version DESC);
