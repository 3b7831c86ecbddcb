# The join request (templates/join_request.*.j2): someone outside the program wrote JOIN;
# the coordinator approves or declines. APPROVE and DECLINE are English in every language.
join-request-subject = { $program }: { $name } asks to join as a { $role ->
    [mentor] mentor
   *[other] mentee
}
join-request-hello = Hello,
# After the person's name and address.
join-request-asks = wrote JOIN to { $program } and asks to take part. Their form:
join-request-role = Role
join-request-as = { $role ->
    [mentor] mentor
   *[other] mentee
}
join-request-department = Department
join-request-level = Level
join-request-teaches = Teaches
join-request-learns = Learns
join-request-languages = Languages
join-request-timezone = Time zone
join-request-hours = Hours
join-request-not-given = (not given)
join-request-nothing-given = (nothing given)
# Around APPROVE.
join-request-approve-before = To let them join, reply to this email with
join-request-approve-after = alone on the first line. They are then paired with someone free, and told when.
# Around DECLINE.
join-request-decline-before = To say no, reply with
join-request-decline-after = on the first line. Anything you write after DECLINE on that line (DECLINE the program is full this term) is passed on to them; without it they get a kind note and no reason.
# Around `upward export participants`.
join-request-only-before = Only a reply from { $coordinator } to this email counts. Their participants file is not changed:
join-request-only-after = writes the list with everyone you approved, to paste back into it.
