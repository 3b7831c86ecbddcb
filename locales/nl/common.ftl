date-long = %A %-d %B %Y
date-time = %A %-d %B %Y, %H:%M
hello = Hallo { $name },
hello-two = Hallo { $first } en { $second },
signed-questions = { $program } (vragen: { $coordinator })
