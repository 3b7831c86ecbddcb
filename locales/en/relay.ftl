relay-subject = { $partner } wrote to you
relay-only-files = ({ $partner } sent only the attached { $count ->
    [one] file
   *[other] files
}.)
relay-left-out = { $partner } also attached { $files }: too large to pass on by email, so ask { $partner } to share { $count ->
    [one] it
   *[other] them
} another way.
relay-wrote = { $name } wrote this to you through { $program }.
# Around the partner's address, which the HTML links.
relay-answer = Reply to this email to answer { $partner }, or write to
relay-answer-end = {" "}directly.
