join-declined-subject = { $program }: sobre tu solicitud para unirte
join-declined-thanks = Gracias por pedir unirte a { $program } y por dedicar tiempo a rellenar el formulario. Esta vez no podemos incluirte en el programa.
join-declined-reason = Palabras de la coordinación: { $reason }
join-declined-talk = Esto no dice nada de ti. Si quieres hablarlo, o que te tengamos en cuenta en otra ocasión, escribe a
join-declined-talk-end = .
