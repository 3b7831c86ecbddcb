final-report-subject = { $program }: informe final, { $meetings ->
    [one] { $meetings } reunión
   *[other] { $meetings } reuniones
} en { $pairs ->
    [one] { $pairs } pareja
   *[other] { $pairs } parejas
}
final-report-subject-so-far = { $program }: informe final (provisional), { $meetings ->
    [one] { $meetings } reunión
   *[other] { $meetings } reuniones
} en { $pairs ->
    [one] { $pairs } pareja
   *[other] { $pairs } parejas
}
final-report-title = Informe final, { $period }
final-report-not-ended = El programa aún no ha terminado: termina el { $end }. Estas son las cifras hasta ahora.

final-report-meetings = Reuniones
final-report-hours-in-all = { $hours } h en total
final-report-pairs-met = Parejas que se reunieron
final-report-pairs-made = de { $pairs ->
    [one] 1 pareja formada
   *[other] { $pairs } parejas formadas
}
final-report-rating-note = sobre 5, de { $ratings ->
    [one] 1 valoración
   *[other] { $ratings } valoraciones
}
final-report-average = { $average } sobre 5, de { $ratings ->
    [one] 1 valoración
   *[other] { $ratings } valoraciones
}
final-report-no-ratings = sin valoraciones

final-report-sessions-per-week = Reuniones por semana
final-report-ratings = Valoraciones
final-report-no-ratings-note = No se dio ninguna valoración.
final-report-ratings-hidden-note = Las valoraciones se muestran cuando han respondido { $min } personas (respondieron { $count }), para que no se pueda identificar la respuesta de nadie.
final-report-by-mentors = Dadas por mentores
final-report-by-mentees = Dadas por mentees

final-report-per-pair = Reuniones por pareja
final-report-no-pairs = No se formó ninguna pareja.
final-report-more-pairs = y { $count } parejas más:
final-report-lists-them-all = las muestra todas.
final-report-row = { $name }: { $meetings ->
    [one] 1 reunión
   *[other] { $meetings } reuniones
} ({ $detail })
final-report-meetings-count = { $meetings ->
    [one] { $meetings } reunión
   *[other] { $meetings } reuniones
}
final-report-pair-round = ronda { $round }, { $hours } h
final-report-never-met = nunca se reunieron
final-report-ended-early = terminó antes de tiempo
final-report-pair-cancelled = canceladas { $mentor } por el mentor y { $mentee } por el mentee
final-report-cancelled = { $count ->
    [one] 1 reunión cancelada
   *[other] { $count } reuniones canceladas
} en todo el programa: { $mentors } por mentores, { $mentees } por mentees.
final-report-by-department = Reuniones por departamento
final-report-department-note = Una reunión cuenta para los departamentos de ambos miembros de la pareja.
final-report-department-note-text = (una reunión cuenta para los departamentos de ambos miembros de la pareja)
final-report-by-level = Reuniones por nivel
final-report-level = Nivel { $level }
final-report-no-department = sin departamento
final-report-group = { $as_mentor } con sus mentores, { $as_mentee } con sus mentees; { $mentors ->
    [one] 1 mentor
   *[other] { $mentors } mentores
} y { $mentees ->
    [one] 1 mentee
   *[other] { $mentees } mentees
}

final-report-topics = Temas, en ambos sentidos
final-report-mentors-taught = Enseñado por mentores
final-report-mentees-taught = Enseñado a cambio por mentees
final-report-none-logged = ninguno registrado
final-report-goals-title = Objetivos
final-report-no-goals = Ninguna pareja se fijó objetivos.
final-report-goals = { $set ->
    [one] 1 objetivo fijado
   *[other] { $set } objetivos fijados
} por { $pairs ->
    [one] 1 pareja
   *[other] { $pairs } parejas
}: { $reached } logrados, { $partly } en parte, { $not_reached } no logrados, { $unanswered } sin respuesta
final-report-goal = { $goal } ({ $outcome ->
    [reached] logrado
    [partly] en parte
    [not_reached] no logrado
   *[none] sin respuesta
})

final-report-from-feedback = De los comentarios
final-report-footer = Recibes este informe una sola vez, como coordinador o coordinadora de { $program }. Las respuestas no se leen.
final-report-footer-command = muestra las mismas cifras en cualquier momento.
