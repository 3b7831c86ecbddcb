join-declined-subject = { $program }: about your request to join
join-declined-thanks = Thank you for asking to join { $program }, and for taking the time to fill in the form. This time we cannot add you to the program.
join-declined-reason = The coordinator's words: { $reason }
# Around the coordinator's address, which the HTML links.
join-declined-talk = This says nothing about you. If you would like to talk about it, or to be considered another time, write to
join-declined-talk-end = .
