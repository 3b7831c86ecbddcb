join-confirm-subject = { $program }: ¿pediste unirte?
join-confirm-asked = Alguien ha pedido unirse a { $program } desde esta dirección, como { $role ->
    [mentor] mentor
   *[other] mentee
}. Antes de que la solicitud llegue a la coordinación, comprobamos que fuiste tú: solo tienes que responder a este correo con
join-confirm-asked-department = Alguien ha pedido unirse a { $program } desde esta dirección, como { $role ->
    [mentor] mentor
   *[other] mentee
} en { $department }. Antes de que la solicitud llegue a la coordinación, comprobamos que fuiste tú: solo tienes que responder a este correo con
join-confirm-yes = SÍ
join-confirm-first-line = en la primera línea, sin nada más.
join-confirm-not-you = Si no fuiste tú, no hagas nada: sin tu respuesta no pasa nada más y nadie ve la solicitud.
