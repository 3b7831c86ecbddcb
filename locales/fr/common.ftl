date-long = %A %-d %B %Y
date-time = %A %-d %B %Y, %H:%M
hello = Bonjour { $name },
hello-two = Bonjour { $first } et { $second },
signed-questions = { $program } (questions : { $coordinator })
