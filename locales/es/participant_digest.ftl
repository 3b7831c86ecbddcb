participant-digest-subject = Tu resumen de { $program }: { $period }
participant-digest-html-title = { $program }: tu resumen
participant-digest-title = Tu resumen: { $period }
participant-digest-intro = Tu mentoring inverso { $period }:
participant-digest-meetings = Reuniones: { $sessions } ({ $hours } h); desde el inicio: { $sessions_to_date } ({ $hours_to_date } h)
participant-digest-topics = Temas: { $topics }
participant-digest-meetings-this-period = Reuniones en este periodo
participant-digest-hours-this-period = Horas en este periodo
participant-digest-since-start = { $sessions } desde el inicio
participant-digest-hours-since-start = { $hours } h desde el inicio
participant-digest-your = { $role ->
    [mentor] tu mentor
   *[other] tu mentee
}
participant-digest-with = Con { $name }, { $relation }
participant-digest-this-period = en este periodo: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $hours } h
participant-digest-this-period-on = en este periodo: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $hours } h, sobre { $topics }
participant-digest-since-the-start = desde el inicio: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $hours } h
participant-digest-last-meeting = última reunión: { $day }
participant-digest-none-yet = ninguna registrada aún
participant-digest-html-this-period = En este periodo: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $hours } h.
participant-digest-html-this-period-on = En este periodo: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $hours } h, sobre { $topics }.
participant-digest-html-since = Desde el inicio: { $sessions ->
    [one] { $sessions } reunión
   *[other] { $sessions } reuniones
}, { $hours } h. Última reunión: { $day }.
participant-digest-not-yet = { $partners ->
    [one] { $who } y tú
   *[other] Tus parejas y tú
} aún no habéis registrado ninguna reunión. La primera es la más difícil de encajar: veinte minutos con un café bastan. ¿Por qué no propones una hora esta semana?
participant-digest-since = Tu última reunión con { $partners ->
    [one] { $who }
   *[other] tus parejas
} fue hace { $days ->
    [one] { $days } día
   *[other] { $days } días
}. Una charla breve mantiene viva la conversación; incluso veinte minutos cuentan.
participant-digest-met = { $meetings ->
    [one] Una reunión con { $partners ->
        [one] { $who }
       *[other] tus parejas
    } en este periodo: buen ritmo. ¿Qué te gustaría explorar la próxima vez?
   *[other] { $meetings } reuniones con { $partners ->
        [one] { $who }
       *[other] tus parejas
    } en este periodo: ese es el ritmo que hace funcionar el mentoring inverso. ¡Sigue así!
}
participant-digest-next = Después de tu próxima reunión, responde al último correo de seguimiento y cuéntanos qué tal fue.
participant-digest-help = Responde AYUDA para ver la lista de comandos, o BAJA para dejar el programa.
