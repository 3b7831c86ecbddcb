command-about-pause = PAUSA
command-about-resume = REANUDAR
command-about-skip = SALTAR
command-about-rematch = CAMBIAR DE PAREJA
command-about-stop = BAJA
command-about-forget-me = OLVÍDAME
command-about-help = AYUDA
command-about-join = JOIN
command-about-confirmation = confirmación
command-about-goals = tus objetivos
command-about-not-passed-on = mensaje no reenviado
command-about-passed-on = mensaje reenviado
command-about-not-logged = mensaje no registrado

command-help = Esto es lo que puedes decirnos. Escribe una de estas palabras en la primera línea de tu respuesta, sin nada más.
command-already-stopped = Ya habías dejado el programa; no te enviaremos nada más.
command-stopped = Ya no participas en { $program }. Este es el último correo que recibirás de nuestra parte.
command-left-earlier = Dejaste el programa anteriormente (BAJA), así que no se ha cambiado nada. Para volver, escribe a { $coordinator }.
command-pause-not-understood = No se ha cambiado nada: no pudimos leer `{ $date }` como una fecha futura. Escribe, por ejemplo, PAUSE UNTIL 2026-12-01.
command-paused = Tu participación está en pausa: no recibirás preguntas ni recordatorios hasta que respondas REANUDAR.
command-paused-until = Tu participación está en pausa hasta el { $day }: los correos vuelven ese día, o antes si respondes REANUDAR.
command-resumed = Ya estás de vuelta: volverás a recibir preguntas y recordatorios.
command-not-paused = Tu participación no estaba en pausa, así que nada cambia: recibes preguntas y recordatorios como siempre.
command-skipped = Hecho: nos saltaremos tu próxima pregunta. Todo lo demás sigue igual.
command-no-pairing = Ahora mismo no tienes ninguna pareja que cambiar, así que no se ha cambiado nada. Te asignaremos pareja en la próxima ronda.
command-rematched = Tu pareja de mentoría ha terminado y ya tienes una nueva: la presentación está en camino.
command-rematch-waits = Tu pareja de mentoría ha terminado. Ahora mismo no hay nadie libre que encaje contigo; te asignaremos otra pareja en cuanto lo haya, a más tardar en la próxima ronda.
command-confirm-first = { $command ->
    [STOP] Entendimos que quieres dejar { $program }. Todavía no ha cambiado nada: dejar el programa termina tu pareja de mentoría y no se puede deshacer por correo. Para salir, responde con STOP solo en la primera línea. Si no era eso lo que querías decir, no tienes que hacer nada.
   *[other] Entendimos que quieres otra pareja. Todavía no ha cambiado nada: una pareja nueva termina la actual. Para pedirla, responde con REMATCH solo en la primera línea. Si no era eso lo que querías decir, no tienes que hacer nada.
}
command-goals-noted = Hemos anotado vuestros objetivos para esta mentoría:
command-goal = {"  "}{ $number }. { $goal }
command-goals-remind = Las preguntas sobre vuestras reuniones os los recordarán, y al final os preguntaremos hasta dónde habéis llegado. Para cambiarlos, responde con nuevas líneas «Objetivo:».
command-outcomes-noted = Gracias por contarnos hasta dónde habéis llegado:
command-goal-outcome = {"  "}objetivo { $number }: { $outcome ->
    [reached] alcanzado
    [partly] alcanzado en parte
   *[not_reached] aún no alcanzado
}
command-partner-unreachable = No hemos podido reenviar tu mensaje a { $partner }: ahora mismo los correos a esa persona no llegan. Queda guardado en el registro del programa. Para contactar, escribe directamente a { $email } o pide ayuda a { $coordinator }.
command-passed-on = Lo que escribiste necesita a una persona, así que se lo hemos enviado a { $coordinator }, que coordina el programa y te responderá. También puedes escribir directamente a { $coordinator }.
command-not-logged-forged = Tu mensaje no se ha registrado: la dirección a la que escribiste no es una de las nuestras, o se modificó por el camino. Responde directamente al último correo que recibiste de nuestra parte.
command-not-logged-address = Tu mensaje no se ha registrado: llegó desde una dirección que no pertenece a esta conversación. Responde desde la dirección a la que te escribe el programa.
command-not-logged-ended = Tu mensaje no se ha registrado: responde a un correo sobre una pareja de mentoría que ya terminó. Responde al último correo que recibiste de nuestra parte.
command-not-logged-no-pair = Tu mensaje no se ha registrado: ahora mismo no tienes pareja para la que registrarlo. Te escribiremos cuando tengas una.
command-not-logged-several = Tu mensaje no se ha registrado: tienes más de una pareja, así que responde al último correo sobre la persona a la que te refieres.
command-not-logged-commands = Tu mensaje no se ha registrado: esta dirección solo admite comandos. Para contarnos una reunión, responde al último correo sobre tu mentoría.
command-answered-already = Ese correo ya tuvo respuesta, y cada uno sirve una sola vez: no se ha hecho nada más.
command-expired = Esa solicitud esperó más de { $days ->
    [one] { $days } día
   *[other] { $days } días
}, así que no se hizo nada. Si aún lo quieres, vuelve a escribirnos.
command-not-sent = Gracias: no se ha hecho nada con ese mensaje. Si alguien está escribiendo en tu nombre, { $coordinator } puede ayudarte.
command-forgotten = Hecho: hemos borrado tu nombre, tu dirección, tus notas y los mensajes que nos enviaste; solo quedan cifras anónimas. Este es el último correo que recibirás de nuestra parte.
command-forget-waits = Todavía no se ha borrado nada. Para confirmarlo, responde a aquel correo con OLVÍDAME en la primera línea, sin nada más.
command-held-gone = Ya no encontramos el mensaje, así que no se hizo nada. Vuelve a enviarlo, por favor.
command-join-already-in = Ya participas en { $program }, así que no hace falta inscribirte. Si tienes dudas sobre tu pareja, escribe a { $coordinator }.
command-join-already-asked = Tu solicitud para unirte a { $program } ya está con la coordinación. Te avisaremos en cuanto decidan.
command-join-incomplete = ¡Gracias por querer unirte a { $program }! Al formulario le falta algo antes de pasarlo a la coordinación:
command-join-problem = - { $field ->
    [name] Nombre
    [role] Rol
    [department] Departamento
    [level] Nivel
    [teaches] Enseña
    [learns] Quiere aprender
    [languages] Idiomas
    [timezone] Zona horaria
   *[hours] Horario
}: { $kind ->
    [missing] falta
    [no-topic] ningún tema: rellena al menos una de las líneas «Enseña:» y «Quiere aprender:»
   *[unusable] «{ $value }» no se puede usar: escríbelo como el ejemplo del formulario
}
command-join-again = Vuelve a enviar JOIN en la primera línea, sin nada más, con el formulario de abajo relleno (una línea por dato; listas separadas por ;):
command-join-form-first = JOIN
command-join-form-line = { $field ->
    [name] Nombre: tu nombre tal como te conocen tus colegas (si no, el de tu correo)
    [role] Rol: mentor (enseñas: tecnología, nuevas formas de trabajar) o mentee (las aprendes)
    [department] Departamento: Atención al cliente
    [level] Nivel: tu nivel en número, más alto es más sénior, p. ej. 3
    [teaches] Enseña: herramientas de IA; vídeos cortos
    [learns] Quiere aprender: carrera; negociación
    [languages] Idiomas: español; inglés
    [timezone] Zona horaria: Europe/Madrid
   *[hours] Horario: 09:00-17:30
}
command-join-sent = ¡Gracias por querer unirte a { $program }! Tu solicitud ha llegado a la coordinación, que decide quién participa. Te escribiremos en cualquier caso.

command-cancelled = La primera reunión que propusimos para el { $meeting } queda cancelada: la invitación de calendario de este correo la quita de tu calendario.
command-list = Los comandos que puedes enviar como respuesta, solos en la primera línea:
command-list-pause = PAUSA
command-list-item = { $command }: { $does }
command-does-pause = ningún correo hasta que reanudes (hasta una fecha: PAUSE UNTIL 2027-03-31)
command-does-resume = volver a recibir correos
command-does-skip = saltar la próxima pregunta
command-does-rematch = pedir otra pareja en la próxima ronda
command-does-stop = dejar el programa
command-does-forget-me = dejar el programa y borrar lo registrado sobre ti
command-does-help = esta lista
