"""Patterns of the values a pull-request result carries (commit ids, criterion codes, exact
numbers, unit ids): the result document's schema (``cchc.policy.result``) and the comment's hidden
state (``cchc.report.pr_comment``) hold every field to them, so no value can carry markup."""

SHA = "^[0-9a-f]{40}([0-9a-f]{24})?$"
CRITERION = "^[A-Z]?[0-9]{1,4}(\\.[0-9]{1,4}){0,2}$"  # as in schemas/framework.schema.json
NUMBER = "^-?[0-9]{1,12}(\\.[0-9]{1,12})?$"
SLUG = "^[a-z0-9][a-z0-9-]{0,63}$"
