hr-digest-period = del { $from_day } al { $day } de { $month } de { $year }
hr-digest-period-months = del { $from_day } de { $from_month } al { $day } de { $month } de { $year }
hr-digest-period-years = del { $from_day } de { $from_month } de { $from_year } al { $day } de { $month } de { $year }
hr-digest-day = { $day } de { $month } de { $year }
hr-digest-week-label = %-d %b

hr-digest-subject = { $program }, { $period }: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $percent } de las parejas se reúnen
hr-digest-title = Resumen { $period }
hr-digest-html-title = { $program }: resumen { $period }

hr-digest-sessions = Reuniones
hr-digest-to-date = { $count } en total
hr-digest-trend-same = las mismas que la semana anterior
hr-digest-trend-up = ▲ { $diff } respecto a la semana anterior
hr-digest-trend-down = ▼ { $diff } respecto a la semana anterior
hr-digest-hours = Horas
hr-digest-hours-to-date = { $hours } h en total
hr-digest-pairs-meeting = Parejas activas
hr-digest-pairs-met = { $met } de { $pairs ->
    [one] 1 pareja
   *[other] { $pairs } parejas
} se reunieron en los últimos 30 días
hr-digest-average-rating = Valoración media
hr-digest-rating-note = sobre 5, de { $ratings ->
    [one] 1 valoración
   *[other] { $ratings } valoraciones
} en total
hr-digest-no-ratings = aún no hay valoraciones
hr-digest-ratings-hidden = visible a partir de { $min } valoraciones ({ $count } por ahora)

hr-digest-sessions-per-week = Reuniones por semana
hr-digest-chart-note-text = (> marca la semana de este resumen; ★ la valoración media de la semana, visible a partir de { $min } valoraciones)
hr-digest-chart-note = En naranja: la semana de este resumen.
hr-digest-chart-star-note = valoración media de esa semana, visible a partir de { $min } valoraciones.
hr-digest-earlier = { $weeks } semanas anteriores: { $sessions } reuniones
hr-digest-earlier-html = { $weeks } semanas anteriores: { $sessions } reuniones
hr-digest-ratings-to-date = Valoraciones hasta hoy
hr-digest-no-ratings-note = Aún no hay valoraciones.
hr-digest-ratings-hidden-note = Las valoraciones se muestran cuando han respondido { $min } personas ({ $count } por ahora), para que no se pueda identificar la respuesta de nadie.

hr-digest-needs-a-word = Requiere atención
hr-digest-all-well = Todas las parejas han estado en contacto últimamente. No hay nada que requiera tu atención.
hr-digest-suggested = Sugerencia para { $about }: { $suggestion }
hr-digest-gone-silent = Sin noticias
hr-digest-silent-days = { $pair }: { $days ->
    [one] 1 día
   *[other] { $days } días
} sin contacto
hr-digest-silent-suggestion = escribir a ambos y ofrecer ayuda
hr-digest-silent-mail-subject = { $program }: ¿qué tal va?
hr-digest-silent-mail-body =
    Hola, { $mentor } y { $mentee }:

    He visto que lleváis unas semanas sin contacto. ¿Podríais encontrar 20 minutos esta semana? Si algo os lo impide (el tiempo, los temas, la propia pareja), decídmelo y os ayudaré.

    Gracias,
hr-digest-cancelling = Cancelan una y otra vez (ya recibieron un aviso amable)
hr-digest-who = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentee
})
hr-digest-cancelled-line = { $name } ({ $side ->
    [mentor] mentor
   *[other] mentee
}) canceló las últimas { $times } reuniones con { $partner }
hr-digest-cancelling-suggestion = preguntar si el horario sigue viniendo bien; ofrecer una cita más corta, una pausa o una nueva pareja
hr-digest-cancelling-mail-subject = { $program }: buscar un hueco con { $partner }
hr-digest-cancelling-mail-body =
    Hola, { $name }:

    He visto que tus últimas reuniones con { $partner } no se pudieron celebrar. ¿Te sigue viniendo bien el horario? Una cita más corta, una pausa u otra pareja son opciones perfectamente válidas; dime qué te ayudaría.

    Gracias,
hr-digest-contradictions = Informes que se contradicen (uno dice que se reunieron y el otro no)
hr-digest-never-met = Aún sin reunirse
hr-digest-opted-out = Bajas en este periodo (una conversación en persona puede aclarar el motivo)
hr-digest-opted-out-on = { $name }, el { $day }
hr-digest-opted-out-said = { $name }, el { $day }: «{ $words }»
hr-digest-without-partner = Sin pareja (`upward pair --fill` los empareja cuando haya alguien adecuado)
hr-digest-bouncing = El correo no les llega (revisa la dirección y luego `upward reenable EMAIL`)
hr-digest-cancelled = { $count ->
    [one] 1 reunión cancelada
   *[other] { $count } reuniones canceladas
} en este periodo: { $mentors } por mentores, { $mentees } por mentees.
hr-digest-senior-side = La mayoría de las cancelaciones vienen de la parte con más experiencia, la forma más habitual en que se apaga el mentoring inverso: unas palabras de su sponsor ayudan.

hr-digest-topics = Temas
hr-digest-topics-both-ways = Temas, en ambos sentidos
hr-digest-mentors-taught = Enseñado por mentores
hr-digest-mentees-taught = Enseñado a cambio por mentees
hr-digest-none-logged = ninguno registrado aún

hr-digest-program-health = Estado del programa
hr-digest-none = ninguno
hr-digest-unmatched = Participantes sin pareja
hr-digest-opt-outs = Bajas
hr-digest-bouncing-addresses = Direcciones con rebotes
hr-digest-refused = Mensajes rechazados / en cuarentena
hr-digest-delivery-failures = Fallos de entrega
hr-digest-waiting = Pendientes de envío
hr-digest-pending-since = { $count } (el más antiguo en cola desde { $oldest })
hr-digest-delivered-late = Entregados con retraso
hr-digest-late = { $count ->
    [one] 1 correo se entregó
   *[other] { $count } correos se entregaron
} con retraso, el que más tras { $longest }
hr-digest-late-error = { $count ->
    [one] 1 correo se entregó
   *[other] { $count } correos se entregaron
} con retraso, el que más tras { $longest } (último error: { $error })

hr-digest-from-feedback = De los comentarios
hr-digest-footer = Recibes este resumen como coordinador o coordinadora de { $program }. Las respuestas no se leen: para contactar con un participante, escríbele directamente.
