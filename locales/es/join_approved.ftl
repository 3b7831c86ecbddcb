join-approved-subject = Te damos la bienvenida a { $program }
join-approved-in = Te damos la bienvenida a { $program }: ya formas parte, como { $role ->
    [mentor] mentor
   *[other] mentee
}.
join-approved-new-partner = Te emparejaremos con alguien libre en cuanto haya una persona que encaje, normalmente en el mismo día; un correo de presentación te dirá con quién.
join-approved-next-round = Te emparejaremos en la próxima ronda, el { $day }; un correo de presentación te dirá con quién.
join-approved-no-more-rounds = No hay más rondas previstas antes de que termine el programa; { $coordinator } te avisará si queda libre alguna pareja.
join-approved-help = Hasta entonces no tienes que hacer nada. Responde AYUDA cuando quieras para ver lo que puedes escribir al programa.
