challenge-subject = { $program }: did you send this?
challenge-subject-forget = { $program }: please confirm FORGET ME
challenge-forget-received = We received FORGET ME from your address on { $day }. Before we delete anything, please confirm:
challenge-forget-reply = reply to this email with FORGET ME
challenge-forget-within = within { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
challenge-forget-then = We will then delete your name, your address, your notes and the messages you sent us, keep only anonymous counts, and send you nothing more. If you do not confirm, nothing changes.
challenge-received = We received a message from your address on { $day }: { $what }. We could not tell for sure that you sent it, so nothing has been done with it yet.
challenge-received-subject = We received a message from your address on { $day } ("{ $subject }"): { $what }. We could not tell for sure that you sent it, so nothing has been done with it yet.
# What the message would do.
challenge-what-command = the command { $command }
challenge-what-met = a report of a meeting with your partner
challenge-what-not-met = a report that you and your partner did not meet
challenge-what-report = a report about your pairing
challenge-what-message = a message about your pairing
challenge-if-sent = If you sent it,
challenge-reply = reply to this email
challenge-if-sent-then = (a plain "yes" is enough) within { $days ->
    [one] { $days } day
   *[other] { $days } days
} and we will apply it.
challenge-not-sent = If you did not send it, reply NO, or ignore this email: nothing will change.
challenge-once = Only replies to this very email count, and each works once.
