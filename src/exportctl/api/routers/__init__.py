"""The API's routers, one per concern: the law (reads), batch screening, proposals, admin."""
