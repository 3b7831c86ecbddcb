join-declined-subject = { $program }: over je verzoek om mee te doen
join-declined-thanks = Bedankt dat je wilt meedoen aan { $program } en dat je de tijd nam om het formulier in te vullen. Deze keer kunnen we je helaas niet toevoegen aan het programma.
join-declined-reason = De woorden van de coördinator: { $reason }
join-declined-talk = Dit zegt niets over jou. Wil je erover praten, of een andere keer in aanmerking komen, mail dan naar
join-declined-talk-end = .
