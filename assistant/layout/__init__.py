"""Layout: the .docx that mirrors the form, page estimates and rendered page counts."""
