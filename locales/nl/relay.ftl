relay-subject = { $partner } heeft je geschreven
relay-only-files = ({ $partner } stuurde alleen { $count ->
    [one] het bijgevoegde bestand
   *[other] de bijgevoegde bestanden
}.)
relay-left-out = { $partner } voegde ook { $files } toe: te groot om per e-mail door te sturen, dus vraag { $partner } { $count ->
    [one] het
   *[other] ze
} op een andere manier te delen.
relay-wrote = { $name } schreef je dit via { $program }.
relay-answer = Beantwoord deze e-mail om { $partner } te antwoorden, of mail rechtstreeks naar
relay-answer-end = .
