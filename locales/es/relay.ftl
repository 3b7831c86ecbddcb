relay-subject = { $partner } te ha escrito
relay-only-files = ({ $partner } solo ha enviado { $count ->
    [one] el archivo adjunto
   *[other] los archivos adjuntos
}.)
relay-left-out = { $partner } también adjuntó { $files }: demasiado grande para reenviarlo por correo, así que pide a { $partner } que te { $count ->
    [one] lo
   *[other] los
} comparta de otra forma.
relay-wrote = { $name } te ha escrito esto a través de { $program }.
relay-answer = Responde a este correo para contestar a { $partner }, o escribe directamente a
relay-answer-end = .
