cancelled-again-subject = { $program } : trouver un moment qui convient avec { $first }
cancelled-again-body = Vos deux dernières rencontres avec { $first } ont dû être annulées de votre côté. Les semaines chargées, cela arrive ; ceci n'est qu'un petit mot amical, pour que le temps que vous vous réservez ensemble reste utile pour vous.
cancelled-again-helps = Ce qui aide souvent :
cancelled-again-shorter = une rencontre plus courte : vingt minutes suffisent ;
cancelled-again-slot = un créneau fixe, une semaine sur deux, dans vos deux agendas ;
cancelled-again-early = prévenir { $first } suffisamment tôt quand une date ne convient pas
cancelled-again-pause = Si le moment est vraiment mal choisi, répondez
cancelled-again-pause-after = suivi d'une date (AAAA-MM-JJ), seul sur la première ligne, et nous ne vous solliciterons pas d'ici là. Si autre chose vous freine, répondez simplement à cet e-mail : votre message parviendra à { $coordinator }, qui vous aidera volontiers.
