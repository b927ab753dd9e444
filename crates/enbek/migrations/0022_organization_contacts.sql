-- Where people reach a center (206 p.10): its address, phone and e-mail, imported with the
-- organisations; none until the file gives them.
ALTER TABLE organizations ADD COLUMN address TEXT;
ALTER TABLE organizations ADD COLUMN phone TEXT;
ALTER TABLE organizations ADD COLUMN email TEXT;
