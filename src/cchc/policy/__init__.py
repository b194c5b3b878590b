"""Pull-request policy: who may change what, and when, judged from Git objects.

A pull request is a unit's submission (*Gửi đi*), a council's appraisal round or an
administrator's change. ``check.check_pr`` takes its base and head commits, its author and
the trusted event time, and returns findings like ``cchc validate``: the ownership rules
(``owners``), the phase rules by the plan's deadlines (``phases``), the receipt recorded when
entry closed (``receipts``), and the validation of the touched dossier read from the head
commit and judged by the code that is running (the base branch's, see ``validator``).
"""
