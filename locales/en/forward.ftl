# The forward email (templates/forward.*.j2): a participant's words that need a person, to
# the coordinator. The writer's name and address come before forward-wrote.
forward-subject = { $name } wrote to { $program }
forward-wrote = wrote to { $program }, and it needs a person: the program only logs meetings and commands. Reply to this email to answer { $first } directly; they have been told that you have their message.
forward-only-files = ({ $first } sent only the attached { $files ->
    [one] file
   *[other] files
}.)
forward-left-out = { $first } also attached { $files }: too large to pass on; it is kept in the program's log.
