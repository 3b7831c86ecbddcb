challenge-subject = { $program }: ¿enviaste tú esto?
challenge-subject-forget = { $program }: confirma OLVÍDAME, por favor
challenge-forget-received = El { $day } recibimos OLVÍDAME desde tu dirección. Antes de borrar nada, confírmalo:
challenge-forget-reply = responde a este correo con OLVÍDAME
challenge-forget-within = en un plazo de { $days ->
    [one] { $days } día
   *[other] { $days } días
}.
challenge-forget-then = Entonces borraremos tu nombre, tu dirección, tus notas y los mensajes que nos enviaste, guardaremos solo cifras anónimas y no te enviaremos nada más. Si no lo confirmas, no cambia nada.
challenge-received = El { $day } recibimos un mensaje desde tu dirección: { $what }. No pudimos comprobar con seguridad que lo enviaras tú, así que todavía no hemos hecho nada con él.
challenge-received-subject = El { $day } recibimos un mensaje desde tu dirección («{ $subject }»): { $what }. No pudimos comprobar con seguridad que lo enviaras tú, así que todavía no hemos hecho nada con él.
challenge-what-command = el comando { $command }
challenge-what-met = el relato de una reunión con tu pareja de mentoría
challenge-what-not-met = un aviso de que tu pareja de mentoría y tú no os reunisteis
challenge-what-report = un comentario sobre tu mentoría
challenge-what-message = un mensaje sobre tu mentoría
challenge-if-sent = Si lo enviaste tú,
challenge-reply = responde a este correo
challenge-if-sent-then = (basta con un simple «sí») en un plazo de { $days ->
    [one] { $days } día
   *[other] { $days } días
} y lo aplicaremos.
challenge-not-sent = Si no lo enviaste tú, responde NO o ignora este correo: no cambiará nada.
challenge-once = Solo cuentan las respuestas a este mismo correo, y cada una sirve una sola vez.
