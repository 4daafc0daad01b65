-- A phone enrolled again (another courier, or a new code) names the token it held before
-- (issue 16): the device it was then is its predecessor. Events it recorded under an earlier
-- enrollment are taken from it with its current token, and its chain links across them.
ALTER TABLE devices ADD COLUMN previous_device_id TEXT REFERENCES devices (id);
