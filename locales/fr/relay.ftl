relay-subject = { $partner } vous a écrit
relay-only-files = ({ $partner } a seulement envoyé { $count ->
    [one] le fichier joint
   *[other] les fichiers joints
}.)
relay-left-out = { $partner } a aussi joint { $files } : trop volumineux pour être transmis par e-mail. Demandez à { $partner } de vous { $count ->
    [one] le
   *[other] les
} partager autrement.
relay-wrote = { $name } vous a écrit ceci via { $program }.
relay-answer = Répondez à cet e-mail pour répondre à { $partner }, ou écrivez directement à
relay-answer-end = .
