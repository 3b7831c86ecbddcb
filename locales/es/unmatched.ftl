unmatched-subject = { $program }: esta ronda no tienes pareja
unmatched-thanks = Gracias por unirte a { $program }. En esta ronda te quedaste sin pareja de mentoría, y queremos explicarte por qué en lugar de dejarte con la duda.
unmatched-nobody-free = En esta ronda no se pudo emparejar a nadie del otro grupo.
unmatched-nobody-fits = Nadie libre del otro grupo cumple contigo las reglas de emparejamiento del programa (como departamento, nivel u horario de trabajo en común).
unmatched-taken = Todas las personas que encajarían bien contigo ya tienen pareja en esta ronda.
unmatched-not-you = Esto no dice nada de ti.
unmatched-next-round = Te emparejaremos en la próxima ronda, el { $day }, o antes si queda libre alguien que encaje. Hasta entonces no tienes que hacer nada.
unmatched-no-more-rounds = No queda ninguna ronda antes de que termine el programa, el { $end }. Si queda libre alguien que encaje, te emparejaremos; también puedes escribir a { $coordinator }.
