meeting-cancelled-subject = { $program }: se cancela la primera reunión con { $first }
meeting-cancelled-body = Tu emparejamiento con { $first } ha terminado, así que la primera reunión que propusimos para el { $meeting } no se celebrará. La invitación de calendario de este correo la elimina de tu calendario; no tienes que hacer nada más.
meeting-cancelled-new-partner = Si te hemos asignado una nueva pareja, recibirás su presentación en un correo aparte.
