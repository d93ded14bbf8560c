"""The desk in a browser: `create_app(folder)` is the web application of a desk (see `app`)."""
