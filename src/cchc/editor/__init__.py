"""The web editor (Decap CMS at /admin/ of the results site).

Clerks who never run Git fill their unit's self-assessment in a browser form; each
save commits to the unit's branch and opens a pull request (Decap's editorial
workflow). Everything here is generated from the repository's data:

- ``openyear``: which plan year the editor serves;
- ``fields``: one form input per criterion, chosen by its rule kind (a table, never a code);
- ``data``: the rule data the browser needs (order, kinds, maxima) for the file format
  and the live totals in the preview;
- ``settings``: which forge backend the editor talks to (GitHub, Forgejo, local proxy);
- ``config``: the Decap configuration (config.yml);
- ``site``: the files served under admin/ (generated config, our scripts, vendored Decap).
"""
