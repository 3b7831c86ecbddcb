date-long = %A, %-d de %B de %Y
date-time = %A, %-d de %B de %Y, %H:%M
hello = Hola, { $name }:
hello-two = Hola, { $first } y { $second }:
signed-questions = { $program } (dudas: { $coordinator })
