forward-subject = { $name } ha escrito a { $program }
forward-wrote = ha escrito a { $program } y hace falta que responda una persona: el programa solo registra reuniones y comandos. Responde a este correo para contestar a { $first } directamente; ya sabe que tienes su mensaje.
forward-only-files = ({ $first } solo ha enviado { $files ->
    [one] el archivo adjunto
   *[other] los archivos adjuntos
}.)
forward-left-out = { $first } también adjuntó { $files }: demasiado grande para reenviarlo; se guarda en el registro del programa.
