ending-soon-subject = { $program } termina dentro de dos semanas
ending-soon-ends = { $program } termina el
ending-soon-plan = , dentro de dos semanas. Si aún te queda una reunión por organizar con { $partners }, es un buen momento para ponerla en el calendario.
ending-soon-and = y
ending-soon-last = El último día recibirás una breve pregunta final sobre lo que aprendiste. Hasta entonces, todo sigue como siempre.
