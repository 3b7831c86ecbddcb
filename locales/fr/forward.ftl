forward-subject = { $name } a écrit à { $program }
forward-wrote = a écrit à { $program }, et ce message demande une réponse humaine : le programme n'enregistre que les rencontres et les commandes. Répondez à cet e-mail pour répondre directement à { $first } ; { $first } sait déjà que vous avez reçu son message.
forward-only-files = ({ $first } a seulement envoyé { $files ->
    [one] le fichier joint
   *[other] les fichiers joints
}.)
forward-left-out = { $first } a aussi joint { $files } : trop volumineux pour être transmis ; conservé dans le journal du programme.
