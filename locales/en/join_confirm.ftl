join-confirm-subject = { $program }: did you ask to join?
join-confirm-asked = Someone asked to join { $program } from this address, as a { $role }. Before the request goes to the coordinator, we check that it was you: just reply to this email with
join-confirm-asked-department = Someone asked to join { $program } from this address, as a { $role } in { $department }. Before the request goes to the coordinator, we check that it was you: just reply to this email with
# The word that confirms (any of YES, JA, OUI, SI, SÍ is read), in bold in the HTML.
join-confirm-yes = YES
join-confirm-first-line = alone on the first line.
join-confirm-not-you = If it was not you, do nothing: without your reply, nothing more happens and nobody sees the request.
