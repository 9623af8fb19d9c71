-- Profiles were written as a JSON string holding the document; each becomes the JSON object it holds.
update customer set profile = (profile #>> '{}')::jsonb where jsonb_typeof(profile) = 'string';
