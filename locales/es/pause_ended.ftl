pause-ended-subject = { $program }: tu pausa ha terminado
pause-ended-body = Tu pausa terminó el { $on }, como pediste: vuelven las preguntas y los recordatorios.
pause-ended-more = Si necesitas más tiempo, responde PAUSA (o PAUSE UNTIL y una fecha, AAAA-MM-DD) en la primera línea y sin nada más. Para dejar el programa, responde BAJA.
