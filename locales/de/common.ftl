date-long = %A, %-d. %B %Y
date-time = %A, %-d. %B %Y, %H:%M Uhr
hello = Hallo { $name },
hello-two = Hallo { $first } und { $second },
signed-questions = { $program } (Fragen: { $coordinator })
