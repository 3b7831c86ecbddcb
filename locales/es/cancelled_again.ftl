cancelled-again-subject = { $program }: encontrar un momento que os venga bien a ti y a { $first }
cancelled-again-body = Tus dos últimas reuniones con { $first } se tuvieron que cancelar por tu parte. Todos tenemos semanas complicadas; esto es solo un recordatorio amistoso, para que el tiempo que reserváis juntos siga funcionando para ti.
cancelled-again-helps = Lo que suele ayudar:
cancelled-again-shorter = una reunión más corta: veinte minutos son suficientes;
cancelled-again-slot = un hueco fijo, cada dos semanas, en los dos calendarios;
cancelled-again-early = avisar a { $first } con tiempo cuando una fecha no te venga bien
cancelled-again-pause = Si ahora no es buen momento, responde
cancelled-again-pause-after = y una fecha (AAAA-MM-DD), en la primera línea y sin nada más, y no te preguntaremos hasta entonces. Si hay otra cosa que te lo impide, responde a este correo: le llegará a { $coordinator }, que te echará una mano con gusto.
