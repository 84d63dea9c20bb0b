"""The certificate register as the admin uses it: spreadsheet import, template, revocation,
expiring certificates, counts."""
