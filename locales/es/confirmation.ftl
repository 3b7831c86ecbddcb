confirmation-subject-meeting = Registrado: tu reunión con { $first }
confirmation-subject-update = Registrado: tu actualización sobre { $first }
confirmation-thanks = Gracias.
confirmation-correction = Hemos entendido tu mensaje como una corrección de tu informe anterior y solo hemos cambiado lo que has escrito. Ahora el informe dice:
confirmation-retraction = Hemos entendido que al final no os reunisteis: esa reunión queda marcada como no celebrada (sigue en el registro, pero fuera de las cifras).
confirmation-logged = Esto es lo que hemos registrado:
confirmation-met-yes = Reunión: sí
confirmation-met-not-yet = Reunión: todavía no
confirmation-date = Fecha: { $value }
confirmation-minutes = Minutos: { $value }
confirmation-topics = Temas: { $value }
confirmation-rating = Valoración: { $value }
confirmation-not-given = sin indicar
confirmation-wrong = Si algo no es correcto, responde a este correo con la corrección.
confirmation-unclear = No pudimos saber { $what } por tu mensaje: responde con { $count ->
    [one] ese dato
   *[other] esos datos
}, por favor.
confirmation-unclear-met = si os reunisteis
confirmation-unclear-date = la fecha
confirmation-unclear-minutes = cuánto duró la reunión
confirmation-unclear-rating = tu valoración
confirmation-or = ni
confirmation-also-asked = También pediste { $command ->
    [PAUSE] una pausa
    [SKIP] saltarte una pregunta
    [RESUME] volver a recibir correos
    [STOP] dejar el programa
   *[REMATCH] otra pareja
}: un informe no lo hace por sí solo. Para hacerlo, responde con { $write } solo en la primera línea.
