partner-paused-subject = { $program }: { $first } se toma un descanso
partner-paused-until = { $first } se toma un descanso de { $program } hasta el { $until }.
partner-paused-a-while = { $first } se toma un descanso de { $program } durante un tiempo.
partner-paused-not-you = No tiene nada que ver contigo: cada persona hace una pausa por sus propios motivos, y no los compartimos.
partner-paused-goes-on = Vuestra pareja sigue adelante. Hasta que { $first } vuelva, no recibirás preguntas sobre vuestras reuniones; puedes seguir escribiendo a
partner-paused-goes-on-after = siempre que quieras.
partner-paused-rematch = Si prefieres tener otra pareja ya, responde CAMBIAR DE PAREJA en la primera línea y sin nada más, o escribe a { $coordinator }.
