join-request-subject = { $program }: { $name } pide unirse como { $role ->
    [mentor] mentor
   *[other] mentee
}
join-request-hello = Hola:
join-request-asks = ha escrito JOIN a { $program } y pide participar. Sus datos:
join-request-role = Rol
join-request-as = { $role ->
    [mentor] mentor
   *[other] mentee
}
join-request-department = Departamento
join-request-level = Nivel
join-request-teaches = Enseña
join-request-learns = Quiere aprender
join-request-languages = Idiomas
join-request-timezone = Zona horaria
join-request-hours = Horario
join-request-not-given = (sin indicar)
join-request-nothing-given = (nada indicado)
join-request-approve-before = Para admitir a esta persona, responde a este correo con
join-request-approve-after = solo en la primera línea. Se le asignará una pareja disponible y se le avisará de cuándo.
join-request-decline-before = Para rechazarla, responde con
join-request-decline-after = en la primera línea. Lo que escribas después de DECLINE en esa línea (DECLINE el programa está completo este semestre) se le transmitirá; si no, recibirá una nota amable sin motivo.
join-request-only-before = Solo cuenta una respuesta de { $coordinator } a este correo. El archivo de participantes no cambia:
join-request-only-after = genera la lista con todas las personas admitidas, para copiarla de nuevo en él.
