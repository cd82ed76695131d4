"""What each workbook reads from the journal, as plain data. May import: storage, content."""
