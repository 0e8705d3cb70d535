"""Reference data shipped with hafen; sources and licences in SOURCES.md."""
