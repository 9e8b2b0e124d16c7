"""``pianoperf web``: the round of a folder in the browser, on the same library.

- ``app``: the Flask application (``create_app``) and the server (``serve``, waitress);
- ``round``: the folder being worked on, its report and status, cached by fingerprint;
- ``uploads``: returned workbooks saved into the folder under safe names, checked first;
- ``builds``: the build run in the background, its progress;
- ``access``: the segreteria's key and the sectors' keys, compared in constant time;
- ``security``: cross-site request protection, security headers, logs without secrets;
- ``routes``: the pages (the segreteria's, the sectors', the error pages);
- ``templates/`` and ``static/``: Jinja2 pages (autoescaped) and the CSS/JS they use,
  served from here: nothing comes from the internet.
"""
