-- Before V17 the embedded database let anyone in, and the key that signs login tokens lives in it: a new key
-- is made at the next start (JwtSigningKey), so tokens signed with the old one, by us or by whoever read it,
-- are refused. Everyone logs in once more.
DELETE FROM app_secret WHERE name = 'jwt-hs256';
