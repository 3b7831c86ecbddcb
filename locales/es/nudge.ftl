nudge-subject = { $first } y { $second }: ¿es hora de poneros al día?
nudge-silence = Hace { $days ->
    [one] { $days } día
   *[other] { $days } días
} que no sabemos de ninguna reunión entre vosotros. Incluso 20 minutos con un café cuentan. Cuando os hayáis reunido, responded a este correo y contadnos qué tal fue.
nudge-goals = Vuestros objetivos en común:
nudge-pause = Si ahora no es buen momento, responded PAUSA (o PAUSE UNTIL y una fecha); AYUDA para todo lo demás.
