# Words shared by several kinds of email. Dates: chrono's strftime patterns, names of days
# and months in the language's own locale.
date-long = %A %-d %B %Y
date-time = %A %-d %B %Y, %H:%M
hello = Hello { $name },
hello-two = Hello { $first } and { $second },
signed-questions = { $program } (questions: { $coordinator })
