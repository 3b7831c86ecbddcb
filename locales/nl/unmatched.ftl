unmatched-subject = { $program }: deze ronde geen partner voor je
unmatched-thanks = Bedankt dat je meedoet aan { $program }. Deze koppelronde heeft je geen partner opgeleverd, en we vertellen je liever waarom dan dat je erover blijft piekeren.
unmatched-nobody-free = Aan de andere kant kon deze ronde niemand gekoppeld worden.
unmatched-nobody-fits = Niemand die aan de andere kant vrij is, past voor jou binnen de koppelregels van het programma (zoals afdeling, niveau of gedeelde werktijden).
unmatched-taken = Iedereen die goed bij je zou passen, heeft deze ronde al een partner.
unmatched-not-you = Dit zegt niets over jou.
unmatched-next-round = Je wordt gekoppeld in de volgende ronde, op { $day }, of eerder als er iemand vrijkomt die past. Tot die tijd hoef je niets te doen.
unmatched-no-more-rounds = Er is geen koppelronde meer voordat het programma eindigt op { $end }. Komt er iemand vrij die past, dan koppelen we je; je kunt ook mailen naar { $coordinator }.
