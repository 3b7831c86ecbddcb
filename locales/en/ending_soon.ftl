ending-soon-subject = { $program } ends in two weeks
# Around the last day, which the HTML shows in bold.
ending-soon-ends = { $program } ends on
ending-soon-plan = , two weeks from now. If you have a meeting left to plan with { $partners }, this is a good moment to put it in the calendar.
# Between the last two of several names.
ending-soon-and = and
ending-soon-last = On the last day you will get one short closing question about what you learned. Until then, everything goes on as usual.
