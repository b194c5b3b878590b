"""The web editor (Decap CMS at /admin/ of the results site).

Clerks who never run Git fill their unit's self-assessment in a browser form; saving
commits to the unit's branch and "Gửi đi" puts it before the council (Decap's
editorial workflow). Everything here is generated from the repository's data:

- ``openyear``: which plan year the editor serves;
- ``fields``: one form input per criterion, chosen by what its rule kind declares;
- ``data``: the rule data the browser needs (order, kinds, maxima, deadlines);
- ``settings``: which forge the editor talks to (GitHub, Forgejo, or decap-server locally);
- ``config``: the Decap configuration (config.yml), one collection per unit;
- ``site``: the files served under admin/ (generated files, our scripts, vendored Decap).

``assets/`` holds the browser side: the page, the unit chooser, the file format that
writes exactly the self-assessment YAML, the preview with the running total (same rules
and arithmetic as cchc.rules / cchc.score), and the clerk's words over Decap's locale;
around Decap: the checks every upload passes and the safe name it gets (checks.js,
upload.js, pdfwidget.js), the two statuses a unit is offered and the question before a
late or incomplete "Gửi đi" (workflow.js), the restored draft (backup.js, through the
store handle of boot.js and store.js), the panel after saving (aftersave.js, forge.js),
and the names and layout that make it accessible and usable on a phone (a11y.js, editor.css).
"""
