"""What each workbook reads from the journal, as plain data; nothing here writes. May import:
hub_client, speech, storage, content."""
