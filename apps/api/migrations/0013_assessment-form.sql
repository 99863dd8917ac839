-- The first ATENSI assessment form. Forms are data: a new version is a new row; old assessments keep theirs.
-- Each domain is scored 1 (severe problem) to 5 (functions well); the social-functioning score is the
-- mean of the domain scores scaled to 0–100.
INSERT INTO assessment_form (code, form_version, title, structure) VALUES (
  'asesmen-atensi', 1, 'Asesmen komprehensif ATENSI',
  '{"scale": {"min": 1, "max": 5},
    "domains": [
      {"key": "physical_health", "id": "Kesehatan fisik", "en": "Physical health"},
      {"key": "psychological", "id": "Psikologis", "en": "Psychological"},
      {"key": "social_relations", "id": "Relasi sosial", "en": "Social relations"},
      {"key": "family", "id": "Keluarga", "en": "Family"},
      {"key": "economic", "id": "Ekonomi", "en": "Economic"},
      {"key": "spiritual", "id": "Spiritual", "en": "Spiritual"},
      {"key": "environment", "id": "Lingkungan", "en": "Environment"},
      {"key": "legal_identity", "id": "Hukum dan identitas", "en": "Legal and identity"}
    ]}'::jsonb
);
