"""Every word the package shows a reader, and how dates and names are written."""
