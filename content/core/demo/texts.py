"""Italian sentences the demo seeder combines into realistic, fictional service pages.

Every section of a service is built from a pool of sentences chosen with a seeded random
generator, so the same run always builds the same site. ``{servizio}``, ``{ente}``,
``{zona}`` and ``{pubblico}`` are filled in by the seeder.
"""

CATEGORY_DETAILS = {
    "assistenza-domiciliare": {
        "description": "Operatori qualificati che aiutano a casa le persone anziane, malate o "
        "con disabilità nelle attività di ogni giorno.",
        "icon": "it-user",
        "audiences": ["anziani", "persone-con-disabilita", "caregiver"],
        "delivery": {"home": 0.95, "provider": 0.2, "online": 0.05},
        "what": [
            "Il servizio di {servizio} porta a casa tua un operatore formato, che ti aiuta "
            "nell'igiene personale, nella mobilità e nella cura della casa.",
            "Un coordinatore di {ente} concorda con te e con la tua famiglia un piano di "
            "assistenza personalizzato, che viene rivisto ogni tre mesi.",
            "Gli operatori hanno la qualifica di ASA o OSS e sono aggiornati ogni anno "
            "sulla sicurezza e sulla relazione con la persona assistita.",
            "Il servizio può affiancare l'assistenza domiciliare del Comune (SAD) o "
            "integrarla nei giorni e negli orari non coperti.",
        ],
        "outcome": [
            "Un piano di assistenza scritto, con giorni, orari e attività concordate.",
            "Un operatore di riferimento stabile, sostituito solo in caso di assenza.",
            "Un diario degli interventi che la famiglia può consultare in ogni momento.",
        ],
    },
    "badanti": {
        "description": "Assistenti familiari per chi ha bisogno di aiuto continuativo, anche "
        "condivisi tra più famiglie dello stesso condominio.",
        "icon": "it-pa",
        "audiences": ["anziani", "famiglie", "caregiver"],
        "delivery": {"home": 1.0, "provider": 0.1, "online": 0.0},
        "what": [
            "{ente} seleziona un'assistente familiare adatta alle esigenze della persona e "
            "della famiglia, dopo un colloquio a domicilio.",
            "L'ente si occupa del contratto di lavoro secondo il CCNL del lavoro domestico, "
            "delle buste paga e delle sostituzioni per ferie e malattia.",
            "Nelle prime settimane un'operatrice dell'ente affianca l'assistente familiare "
            "per facilitare l'inserimento in casa.",
            "Il servizio di {servizio} può essere convivente, a ore o notturno.",
        ],
        "outcome": [
            "Un'assistente familiare selezionata e formata, con un contratto regolare.",
            "Sostituzioni garantite entro 48 ore in caso di assenza.",
            "Un referente dell'ente sempre raggiungibile per la famiglia.",
        ],
    },
    "bambini-famiglie": {
        "description": "Baby-sitter, educatori, supporto allo studio e attività per bambini e "
        "ragazzi, anche da condividere tra famiglie.",
        "icon": "it-horn",
        "audiences": ["bambini-e-ragazzi", "famiglie"],
        "delivery": {"home": 0.6, "provider": 0.6, "online": 0.2},
        "what": [
            "Il servizio di {servizio} offre alle famiglie un aiuto affidabile nella cura e "
            "nell'educazione dei figli.",
            "Educatori e baby-sitter di {ente} hanno seguito un corso di primo soccorso "
            "pediatrico e sono selezionati con un colloquio e referenze verificate.",
            "Le attività si svolgono in piccoli gruppi e possono essere condivise tra "
            "famiglie della stessa scuola o dello stesso quartiere.",
            "Per i ragazzi delle scuole medie sono previsti momenti di studio assistito e "
            "laboratori creativi.",
        ],
        "outcome": [
            "Un educatore o una baby-sitter di riferimento per tutto l'anno scolastico.",
            "Un incontro di verifica con la famiglia ogni due mesi.",
            "Un breve resoconto delle attività svolte, se la famiglia lo chiede.",
        ],
    },
    "casa": {
        "description": "Collaboratori domestici e piccoli interventi in casa: fabbro, vetraio, "
        "tapparelle, sgomberi ed emergenze.",
        "icon": "it-pa",
        "audiences": ["anziani", "famiglie", "tutti"],
        "delivery": {"home": 1.0, "provider": 0.0, "online": 0.0},
        "what": [
            "{ente} interviene a domicilio per {servizio}, con personale assicurato e "
            "materiali certificati.",
            "Prima di ogni intervento ricevi un preventivo scritto, senza impegno.",
            "Per le persone anziane che vivono sole l'ente offre un controllo gratuito "
            "della sicurezza della casa durante il primo intervento.",
            "Gli interventi urgenti sono garantiti entro 24 ore nei giorni feriali.",
        ],
        "outcome": [
            "Un preventivo scritto e la fattura dell'intervento.",
            "Una garanzia di dodici mesi sul lavoro eseguito.",
        ],
    },
    "cura-persona": {
        "description": "Attività per il benessere del corpo e della mente: terapie "
        "complementari, consulenza psicologica, cura di sé.",
        "icon": "it-star-outline",
        "audiences": ["anziani", "persone-con-disabilita", "caregiver", "tutti"],
        "delivery": {"home": 0.4, "provider": 0.9, "online": 0.3},
        "what": [
            "Il percorso di {servizio} è condotto da professionisti iscritti ai rispettivi "
            "albi o associazioni professionali.",
            "Gli incontri possono essere individuali o in piccoli gruppi, nella sede di "
            "{ente} o a domicilio per chi non può spostarsi.",
            "Il primo incontro serve a conoscersi e a definire insieme gli obiettivi.",
            "Le attività sono pensate anche per i familiari che si prendono cura di una "
            "persona fragile e hanno bisogno di uno spazio per sé.",
        ],
        "outcome": [
            "Un percorso di incontri con obiettivi concordati.",
            "Una relazione finale, se la richiedi, da condividere con il medico di famiglia.",
        ],
    },
    "quotidiano": {
        "description": "Spesa, farmaci e pasti a domicilio, stireria, sartoria, disbrigo di "
        "pratiche e piccole commissioni.",
        "icon": "it-box",
        "audiences": ["anziani", "persone-con-disabilita", "famiglie"],
        "delivery": {"home": 0.9, "provider": 0.3, "online": 0.3},
        "what": [
            "Con il servizio di {servizio}, {ente} ti aiuta nelle commissioni di tutti i "
            "giorni, quando uscire di casa è difficile.",
            "Puoi prenotare per telefono, per email o in uno Spazio WeMi, anche con "
            "l'aiuto di un operatore.",
            "Le consegne avvengono in fasce orarie concordate e sono tracciate da un "
            "operatore di riferimento.",
            "Per le pratiche l'operatore ti accompagna agli sportelli o le svolge online "
            "con te, con la tua delega.",
        ],
        "outcome": [
            "La consegna a casa o lo svolgimento della commissione richiesta.",
            "Una ricevuta per ogni prestazione.",
        ],
    },
    "animali-piante": {
        "description": "Pet sitter, dog sitter e cura delle piante quando sei via o non "
        "riesci a occupartene.",
        "icon": "it-star-full",
        "audiences": ["anziani", "famiglie", "tutti"],
        "delivery": {"home": 1.0, "provider": 0.2, "online": 0.0},
        "what": [
            "Il servizio di {servizio} si prende cura dei tuoi animali o delle tue piante "
            "quando sei in ospedale, in vacanza o semplicemente stanco.",
            "I volontari e gli operatori di {ente} conoscono il quartiere e concordano con "
            "te abitudini, orari e contatti del veterinario.",
            "Per le persone anziane il servizio aiuta a tenere con sé il proprio animale il "
            "più a lungo possibile.",
        ],
        "outcome": [
            "Passeggiate, pasti e cure secondo le indicazioni concordate.",
            "Un breve messaggio con foto dopo ogni visita, se lo desideri.",
        ],
    },
    "cultura-formazione": {
        "description": "Lettura a domicilio, educazione finanziaria, laboratori e consulenze "
        "professionali per la vita di tutti i giorni.",
        "icon": "it-book",
        "audiences": ["anziani", "famiglie", "tutti"],
        "delivery": {"home": 0.4, "provider": 0.8, "online": 0.5},
        "what": [
            "Gli incontri di {servizio} sono tenuti da esperti e volontari formati da {ente}.",
            "Si svolgono in piccoli gruppi nella sede dell'ente, in uno Spazio WeMi o "
            "online, con materiali semplici da usare a casa.",
            "Per chi non può uscire sono previste visite a domicilio su appuntamento.",
        ],
        "outcome": [
            "Un ciclo di incontri e i materiali usati durante le attività.",
            "Un attestato di partecipazione, se lo richiedi.",
        ],
    },
}

TITLE_QUALIFIERS = [
    "",
    "a domicilio",
    "su prenotazione",
    "nel fine settimana",
    "serale",
    "in condivisione",
    "per anziani soli",
    "di quartiere",
    "per famiglie con bambini piccoli",
    "in lingua facile",
    "estivo",
    "di emergenza",
]

AUDIENCE_SENTENCES = {
    "anziani": "È pensato per le persone anziane, anche non autosufficienti, che vogliono "
    "continuare a vivere a casa propria.",
    "persone-con-disabilita": "È rivolto alle persone con disabilità e alle loro famiglie, "
    "con attività adattate alle esigenze di ciascuno.",
    "bambini-e-ragazzi": "È rivolto a bambini e ragazzi da 0 a 17 anni.",
    "famiglie": "È rivolto alle famiglie che vivono a Milano, con o senza figli.",
    "caregiver": "Sostiene i familiari che si prendono cura di una persona fragile "
    "(caregiver).",
    "tutti": "È aperto a tutte le persone che vivono o lavorano a Milano.",
}

ACCESS_STEPS = [
    "Contatta {ente} per telefono o per email, oppure chiedi aiuto in uno Spazio WeMi.",
    "Un operatore ti richiama entro due giorni lavorativi per capire di cosa hai bisogno.",
    "Fissate insieme un colloquio conoscitivo, a domicilio o nella sede dell'ente.",
    "Ricevi una proposta scritta con giorni, orari e costi.",
    "Se accetti la proposta, il servizio parte entro una settimana.",
    "Puoi richiedere il servizio anche online, da questa pagina, se è disponibile "
    "l'acquisto.",
]

REQUIREMENTS = [
    "Un documento d'identità valido.",
    "Il codice fiscale della persona che riceve il servizio.",
    "L'attestazione ISEE in corso di validità, se chiedi la tariffa agevolata.",
    "Il certificato di invalidità o la diagnosi funzionale, se disponibili.",
    "La delega firmata, se fai la richiesta per un familiare.",
]

TIMES = [
    "Il servizio è attivo tutto l'anno, dal lunedì al venerdì dalle 8 alle 20.",
    "Il servizio è attivo tutto l'anno, sabato e domenica compresi.",
    "Il primo contatto avviene entro due giorni lavorativi dalla richiesta.",
    "Le attività seguono il calendario scolastico, da settembre a giugno.",
    "Le iscrizioni per il nuovo ciclo di incontri si chiudono il 30 settembre.",
    "In agosto il servizio è garantito solo per le situazioni urgenti.",
]

COSTS_ACCREDITED = [
    "Il servizio è accreditato dal Comune di Milano: la tariffa è fissata dal Comune e la "
    "quota a tuo carico dipende dalla fascia ISEE del tuo nucleo familiare.",
    "Con un ISEE basso il servizio può essere gratuito; altrimenti paghi una parte o "
    "l'intera tariffa comunale.",
]
COSTS_MARKET = [
    "Il prezzo è stabilito dall'ente ed è uguale per tutti.",
    "Il prezzo indicato vale per ogni unità dell'offerta: ora, seduta o settimana.",
    "Paghi direttamente l'ente, come ti indica (bonifico, carta o contanti): quando l'ente "
    "registra il pagamento, lo vedi nel tuo ordine.",
]
COSTS_FREE = "Il servizio è gratuito, grazie al lavoro dei volontari e al contributo del Comune."

CONDITIONS = [
    "Le disdette vanno comunicate almeno 24 ore prima dell'appuntamento.",
    "Il servizio viene sospeso dopo tre assenze non comunicate.",
    "I dati personali sono trattati secondo il Regolamento UE 2016/679 (GDPR).",
    "L'ente è assicurato per la responsabilità civile verso terzi.",
]

CONTACT_NOTES = [
    "Il servizio clienti risponde dal lunedì al venerdì, dalle 9 alle 13 e dalle 14 alle 17.",
    "Per le urgenze nel fine settimana chiama il numero indicato e lascia un messaggio: "
    "verrai richiamato entro due ore.",
    "Puoi chiedere un appuntamento anche in uno Spazio WeMi vicino a casa.",
]

FAQ = [
    ("Posso provare il servizio prima di decidere?",
     "Sì, il primo incontro conoscitivo è gratuito e senza impegno."),
    ("Posso cambiare operatore?",
     "Sì, basta chiederlo al coordinatore: la sostituzione avviene entro una settimana."),
    ("Il servizio è disponibile anche in altre lingue?",
     "Sì, nelle lingue indicate in questa pagina; per le altre lingue chiedi all'ente."),
    ("Come pago il servizio?",
     "Direttamente all'ente, dopo che ha accettato la richiesta: bonifico, carta o contanti, "
     "come ti indica. Il pagamento registrato compare nel tuo ordine e nella ricevuta."),
    ("Cosa succede se devo annullare un appuntamento?",
     "Avvisa l'ente almeno 24 ore prima: l'appuntamento non ti viene addebitato."),
]

INACTIVE_REASONS = [
    "Il servizio è sospeso per la pausa estiva e riprende a settembre.",
    "Le iscrizioni sono chiuse: riaprono a gennaio.",
    "Il servizio è in riorganizzazione: nel frattempo rivolgiti a uno Spazio WeMi.",
]

# Fictional provider names: unusual pairs of words no real organisation uses.
PROVIDER_NOUNS = [
    "Libellula", "Aquilone", "Girasole", "Lanterna", "Melograno", "Bussola", "Rondine",
    "Ginestra", "Tiglio", "Airone", "Mosaico", "Germoglio", "Ciliegio", "Arcolaio",
    "Mongolfiera", "Clessidra", "Cometa", "Ventaglio", "Pettirosso", "Astrolabio",
]
PROVIDER_ADJECTIVES = [
    "Operosa", "Gentile", "Serena", "Curiosa", "Paziente", "Solerte", "Ospitale",
    "Luminosa", "Tenace", "Garbata", "Vivace", "Premurosa",
]
PROVIDER_KIND_PREFIXES = {
    "cooperativa-sociale": "Cooperativa Sociale",
    "associazione": "Associazione",
    "odv": "OdV",
    "aps": "APS",
    "fondazione": "Fondazione",
    "impresa-sociale": "Impresa Sociale",
    "consorzio": "Consorzio",
}
PROVIDER_LEGAL_SUFFIXES = {
    "cooperativa-sociale": "Società Cooperativa Sociale Onlus",
    "associazione": "Associazione di volontariato",
    "odv": "Organizzazione di Volontariato ETS",
    "aps": "Associazione di Promozione Sociale ETS",
    "fondazione": "Fondazione ETS",
    "impresa-sociale": "Impresa Sociale S.r.l.",
    "consorzio": "Consorzio di Cooperative Sociali",
}
PROVIDER_DESCRIPTIONS = [
    "{ente} è un ente di fantasia creato per la demo di WeMi: lavora a Milano dal {anno} "
    "con servizi di cura e di prossimità.",
    "Le sue équipe sono formate da operatori socio-sanitari, educatori e volontari.",
    "Collabora con i servizi sociali del Comune e con le associazioni del quartiere.",
    "Ha una sede principale e alcuni punti di ascolto nei Municipi in cui lavora.",
]

# Real Milan streets with their postcode, per Municipio: fictional house numbers are added.
STREETS = {
    1: [("Via Dante", "20121"), ("Corso Magenta", "20123"), ("Via Torino", "20123")],
    2: [("Via Padova", "20127"), ("Viale Monza", "20127"), ("Via Palmanova", "20132")],
    3: [("Via Porpora", "20131"), ("Viale Argonne", "20133"), ("Via Pacini", "20131")],
    4: [("Corso Lodi", "20135"), ("Viale Ungheria", "20138"), ("Via Mecenate", "20138")],
    5: [("Via Ripamonti", "20141"), ("Viale Tibaldi", "20136"), ("Via dei Missaglia", "20142")],
    6: [("Via Giambellino", "20146"), ("Via Lorenteggio", "20146"), ("Viale Famagosta", "20142")],
    7: [("Via Novara", "20153"), ("Via Forze Armate", "20147"), ("Piazzale Siena", "20146")],
    8: [("Via Mac Mahon", "20155"), ("Viale Certosa", "20155"), ("Via Varesina", "20156")],
    9: [
        ("Viale Fulvio Testi", "20162"),
        ("Via Pellegrino Rossi", "20161"),
        ("Via Ornato", "20162"),
    ],
}

SPACE_COMMON_OFFERS = [
    "Informazione e orientamento sui servizi di welfare pubblici e privati",
    "Aiuto per chiedere i contributi economici del Comune",
    "Postazioni internet per pratiche digitali o ricerca di lavoro, con un operatore",
]
SPACE_SPECIFIC_OFFERS = {
    "art therapy and home-automation meetings": "Incontri di arteterapia e di domotica",
    "play activities": "Attività ludiche",
    "bookcrossing": "Bookcrossing",
    "help with digital paperwork (with an operator)": "Aiuto con le pratiche digitali, "
    "con un operatore",
    "caregiver support": "Sostegno ai caregiver familiari",
}

NEWS = [
    ("La quota che paghi, calcolata sul tuo ISEE",
     "Dichiara l'ISEE nel tuo account: per i servizi accreditati WeMi ti mostra subito la "
     "quota che paghi tu e quella a carico del Comune."),
    ("Nuovo Spazio WeMi a Niguarda",
     "Al Centro Spazio Vita dell'Ospedale Niguarda apre uno Spazio WeMi con arteterapia, "
     "incontri di domotica e sostegno ai caregiver."),
    ("Ordinare un servizio per un familiare",
     "Quando ordini un servizio puoi indicare chi lo riceve, per esempio un genitore "
     "anziano: l'ente chiama te per organizzarlo."),
    ("Estate in città: i servizi attivi ad agosto",
     "Assistenza domiciliare, spesa e farmaci a domicilio restano attivi anche in agosto: "
     "l'elenco dei servizi aperti per Municipio."),
    ("Contributi economici: cinque categorie invece di diciotto",
     "Il Comune ha semplificato i contributi economici: le categorie passano da diciotto a "
     "cinque, con una sola domanda online."),
    ("Caregiver familiari: gruppi di sostegno gratuiti",
     "Negli Spazi WeMi partono gruppi di sostegno per chi si prende cura di un familiare "
     "anziano o con disabilità."),
    ("Pratiche digitali con l'aiuto di un operatore",
     "Negli Spazi WeMi puoi farti aiutare a usare SPID, a prenotare visite e a presentare "
     "domande online."),
    ("Segui i tuoi ordini dal tuo account",
     "Nel tuo account vedi se l'ente ha accettato la richiesta, quando inizia il servizio, "
     "se il pagamento è stato registrato, e scarichi la ricevuta."),
    ("Pasti a domicilio per le persone anziane",
     "Il servizio di pasti a domicilio si estende a tutti i Municipi, con menu anche per "
     "diete speciali."),
    ("WeMi in cinque lingue",
     "Il portale WeMi è disponibile in italiano, inglese, arabo, cinese e spagnolo."),
    ("Educazione finanziaria per famiglie",
     "Un ciclo di incontri gratuiti per imparare a gestire il bilancio familiare e "
     "riconoscere le truffe."),
    ("Segnala un problema al Comune",
     "Un indirizzo sbagliato, un orario cambiato, un servizio che non funziona: segnalalo "
     "dalla pagina del servizio o dalla pagina Segnala, e il Comune se ne occupa."),
]

# The demo's general conditions of service (content/core/demo/city.py conditions_document).
CONDITIONS_OF_SERVICE = [
    "Documento dimostrativo: enti, prezzi e condizioni sono di fantasia.",
    "Il servizio si prenota su WeMi e si paga direttamente all'ente, nei modi che l'ente "
    "indica (bonifico, carta o contanti).",
    "La tariffa accreditata dipende dall'ISEE del nucleo familiare dichiarato su WeMi; il "
    "Comune di Milano copre la differenza con la tariffa piena.",
    "Per segnalare un disservizio usa il link \"Segnala disservizio\" in fondo a ogni pagina.",
]
