# The meeting_cancelled email (templates/meeting_cancelled.*.j2).
meeting-cancelled-subject = { $program }: the first meeting with { $first } is cancelled
meeting-cancelled-body = Your pairing with { $first } has ended, so the first meeting we proposed for { $meeting } will not take place. The calendar invitation in this email removes it from your calendar; there is nothing else you need to do.
meeting-cancelled-new-partner = If you have been given a new partner, their introduction comes in a separate email.
