"""Small tools every stage may use: reproducible zips, versions, templates, processes."""
