"""Texts of the demo content, Spanish and English side by side (es, en).

News, banners, the head's welcome and service charters refer to the demo agencies by slug and
to demo service sheets by their stable id (catalog/demo/sheets.py); the head of government and
every person named are fictional.
"""

import datetime

WELCOME = {
    "id": "welcome",
    "name": "María Elena Torres Aguilar",
    "title": ("Titular del Poder Ejecutivo", "Head of the Executive Branch"),
    "message": (
        "Le damos la bienvenida a la ventanilla única del gobierno. Aquí encuentra, en un solo lugar y "
        "en lenguaje claro, los trámites y servicios de las dependencias federales, estatales y "
        "municipales que participan: qué necesita, cuánto cuesta, cuánto tarda y dónde hacerlo.\n\n"
        "Nuestro compromiso es que cada vez más trámites puedan iniciarse en línea, sin filas y sin "
        "papeles, y que quien prefiera acudir a una oficina sea atendido con la misma calidad. Si algo "
        "no funciona como esperaba, díganoslo: cada queja nos ayuda a mejorar.",
        "Welcome to the government's one-stop shop. Here you will find, in one place and in plain "
        "language, the procedures and services of the participating federal, state and municipal "
        "agencies: what you need, what it costs, how long it takes and where to do it.\n\n"
        "Our commitment is that more and more procedures can be started online, without queues or "
        "paperwork, and that those who prefer to visit an office are served just as well. If something "
        "does not work as you expected, tell us: every complaint helps us improve.",
    ),
}

# Portal-wide banners (agency None) and agencies' own. `sheet`: the demo sheet the link leads to.
BANNERS = [
    {
        "id": "banner-curp",
        "agency": None,
        "priority": 30,
        "sheet": "curp-consulta",
        "starts_on": datetime.date(2026, 1, 5),
        "ends_on": None,
        "title": ("Su CURP, al momento y sin costo", "Your CURP, instantly and free of charge"),
        "text": (
            "Consulte e imprima su Clave Única de Registro de Población desde cualquier dispositivo.",
            "Look up and print your Unique Population Registry Code from any device.",
        ),
        "link_text": ("Consultar mi CURP", "Look up my CURP"),
    },
    {
        "id": "banner-declaracion",
        "agency": None,
        "priority": 20,
        "sheet": "sat-declaracion-anual",
        "starts_on": datetime.date(2026, 1, 15),
        "ends_on": datetime.date(2027, 4, 30),
        "title": ("Declaración anual: prepárese con tiempo", "Annual tax return: get ready in time"),
        "text": (
            "Las personas físicas presentan su declaración anual en abril. Revise qué necesita y evite "
            "recargos.",
            "Individuals file their annual return in April. Check what you need and avoid surcharges.",
        ),
        "link_text": ("Ver el trámite", "See the procedure"),
    },
    {
        "id": "banner-en-linea",
        "agency": None,
        "priority": 10,
        "sheet": None,
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": None,
        "title": ("Trámites sin filas", "Procedures without queues"),
        "text": (
            "Cada vez más trámites se inician en línea. Busque el suyo y vea si puede hacerlo desde casa.",
            "More and more procedures can be started online. Find yours and see whether you can do it "
            "from home.",
        ),
        "link_text": ("Buscar un trámite", "Find a procedure"),
    },
    {
        "id": "banner-placas-veracruz",
        "agency": "sefiplan",
        "priority": 10,
        "sheet": "control-vehicular-veracruz",
        "starts_on": datetime.date(2026, 1, 2),
        "ends_on": None,
        "title": ("Control vehicular 2026 en línea", "2026 vehicle registration fee online"),
        "text": (
            "Pague el derecho de control vehicular con su número de placa y descargue su comprobante.",
            "Pay the vehicle registration fee with your plate number and download your receipt.",
        ),
        "link_text": ("Pagar en línea", "Pay online"),
    },
    {
        "id": "banner-agua-adultos",
        "agency": "cmas-xalapa",
        "priority": 10,
        "sheet": "agua-descuento",
        "starts_on": datetime.date(2026, 2, 1),
        "ends_on": None,
        "title": ("Descuento en el agua para personas mayores", "Water discount for older adults"),
        "text": (
            "Si tiene 60 años o más y el contrato está a su nombre, solicite el 50 % de descuento.",
            "If you are 60 or older and the contract is in your name, apply for a 50% discount.",
        ),
        "link_text": ("Cómo solicitarlo", "How to apply"),
    },
]

NEWS = [
    {
        "id": "news-ventanilla",
        "agency": None,
        "published_on": datetime.date(2026, 11, 10),
        "title": (
            "Nace la ventanilla única de trámites y servicios",
            "The one-stop shop for procedures and services opens",
        ),
        "slug": ("nace-la-ventanilla-unica", "one-stop-shop-opens"),
        "summary": (
            "Más de 150 trámites de dependencias federales, estatales y municipales, en un solo sitio y "
            "en lenguaje claro.",
            "Over 150 procedures of federal, state and municipal agencies, in one place and in plain "
            "language.",
        ),
        "body": (
            [
                "La ventanilla única reúne en un solo sitio las fichas de los trámites y servicios de las "
                "dependencias participantes. Cada ficha dice qué necesita, cuánto cuesta, cuánto tarda, "
                "dónde se hace y a quién dirigirse si algo sale mal.",
                "Con una sola cuenta podrá dar seguimiento a sus solicitudes en todas las dependencias. "
                "El sitio funciona en teléfonos, sin necesidad de instalar nada, y cumple las pautas de "
                "accesibilidad WCAG 2.1 nivel AA.",
            ],
            [
                "The one-stop shop brings together, in one place, the sheets of the procedures and "
                "services of the participating agencies. Each sheet says what you need, what it costs, "
                "how long it takes, where it is done and whom to contact if something goes wrong.",
                "With a single account you will follow your applications in every agency. The site works "
                "on phones, with nothing to install, and meets the WCAG 2.1 level AA accessibility "
                "guidelines.",
            ],
        ),
        "quote": (
            (
                "Un gobierno cercano empieza por trámites que se entienden.",
                "A government close to people starts with procedures people understand.",
            ),
            "María Elena Torres Aguilar",
        ),
    },
    {
        "id": "news-registro-civil-sabados",
        "agency": "registro-civil-veracruz",
        "published_on": datetime.date(2026, 11, 3),
        "title": (
            "El Registro Civil abre los sábados para registrar nacimientos",
            "The Civil Registry opens on Saturdays to register births",
        ),
        "slug": ("registro-civil-abre-sabados", "civil-registry-opens-saturdays"),
        "summary": (
            "Las oficialías de Xalapa y Veracruz atienden registros de nacimiento los sábados de 9:00 a "
            "13:00 horas.",
            "The Xalapa and Veracruz offices register births on Saturdays from 9:00 to 13:00.",
        ),
        "body": (
            [
                "Para facilitar el registro oportuno de niñas y niños, las oficialías del Registro Civil de "
                "Xalapa y Veracruz atenderán registros de nacimiento también los sábados.",
                "El registro y la primera copia certificada del acta son gratuitos. Lleve el certificado "
                "de nacimiento y la identificación oficial de la madre, el padre o ambos.",
            ],
            [
                "To make timely registration of children easier, the Civil Registry offices in Xalapa "
                "and Veracruz will also register births on Saturdays.",
                "Registration and the first certified copy of the certificate are free. Bring the birth "
                "certificate issued by the hospital and the official ID of the mother, the father or both.",
            ],
        ),
    },
    {
        "id": "news-cmas-fugas",
        "agency": "cmas-xalapa",
        "published_on": datetime.date(2026, 10, 27),
        "title": (
            "Reporte fugas de agua en línea y siga su atención",
            "Report water leaks online and follow up on them",
        ),
        "slug": ("reporte-fugas-en-linea", "report-leaks-online"),
        "summary": (
            "La Comisión Municipal de Agua de Xalapa recibe reportes de fugas y falta de agua en línea, "
            "con folio para darles seguimiento.",
            "Xalapa's water commission takes reports of leaks and water outages online, with a "
            "reference number to follow them up.",
        ),
        "body": (
            [
                "Desde ahora puede reportar una fuga en la vía pública o la falta de agua en su domicilio "
                "sin llamar ni acudir a una oficina. Recibirá un folio para consultar el avance.",
                "Las fugas en la vía pública se atienden en un máximo de 24 horas, de acuerdo con la carta "
                "compromiso de la Comisión.",
            ],
            [
                "You can now report a leak in the street or a water outage at home without calling or "
                "visiting an office. You will receive a reference number to check progress.",
                "Leaks in the street are repaired within 24 hours at most, as the Commission's service "
                "charter promises.",
            ],
        ),
    },
    {
        "id": "news-sat-declaracion",
        "agency": "sat",
        "published_on": datetime.date(2026, 10, 20),
        "title": ("Consejos para preparar su declaración anual", "Tips to prepare your annual tax return"),
        "slug": ("consejos-declaracion-anual", "annual-return-tips"),
        "summary": (
            "Tenga a la mano su e.firma o contraseña, revise sus facturas de gastos deducibles y verifique "
            "su cuenta bancaria para la devolución.",
            "Have your e.firma or password ready, review your invoices for deductible expenses and check "
            "the bank account for your refund.",
        ),
        "body": (
            [
                "Revise con tiempo que sus facturas de gastos médicos, colegiaturas e intereses "
                "hipotecarios estén a su nombre y con su RFC.",
                "Si tiene saldo a favor, registre una cuenta CLABE a su nombre: la devolución se deposita "
                "en ella.",
            ],
            [
                "Check in good time that your invoices for medical expenses, school fees and mortgage "
                "interest are in your name and carry your RFC.",
                "If you are owed a refund, register a CLABE account in your name: the refund is paid into "
                "it.",
            ],
        ),
    },
    {
        "id": "news-imss-clinica",
        "agency": "imss",
        "published_on": datetime.date(2026, 10, 8),
        "title": (
            "Cambie de clínica familiar desde su teléfono",
            "Change your family clinic from your phone",
        ),
        "slug": ("cambio-de-clinica-desde-el-telefono", "change-clinic-from-your-phone"),
        "summary": (
            "El cambio de Unidad de Medicina Familiar por cambio de domicilio ya puede hacerse en línea, "
            "sin acudir a la clínica.",
            "Moving your registration to another family clinic after a change of address can now be "
            "done online, without going to the clinic.",
        ),
        "body": (
            [
                "Necesita su Número de Seguridad Social, su CURP y un correo electrónico. El cambio queda "
                "registrado al momento y puede descargar su comprobante.",
            ],
            [
                "You need your Social Security Number, your CURP and an e-mail address. The change is "
                "recorded at once and you can download your receipt.",
            ],
        ),
    },
    {
        "id": "news-sare-guadalajara",
        "agency": "padron-licencias-guadalajara",
        "published_on": datetime.date(2026, 9, 29),
        "title": ("Abra su negocio de bajo riesgo en 72 horas", "Open your low-risk business in 72 hours"),
        "slug": ("abra-su-negocio-en-72-horas", "open-your-business-in-72-hours"),
        "summary": (
            "Con el Sistema de Apertura Rápida de Empresas, las licencias de giro de bajo riesgo se "
            "resuelven en un máximo de tres días hábiles.",
            "With the Rapid Business Opening System, low-risk business licences are decided within "
            "three working days at most.",
        ),
        "body": (
            [
                "Tiendas de abarrotes, papelerías, estéticas y otros 600 giros de bajo riesgo pueden "
                "obtener su licencia con una sola solicitud y sin inspección previa.",
                "Consulte la lista de giros y los requisitos en la ficha del trámite.",
            ],
            [
                "Grocery shops, stationers, hair salons and 600 other low-risk activities can get their "
                "licence with a single application and no prior inspection.",
                "Check the list of activities and the requirements on the procedure's sheet.",
            ],
        ),
    },
    {
        "id": "news-sep-cedula",
        "agency": "sep",
        "published_on": datetime.date(2026, 9, 15),
        "title": (
            "La cédula profesional electrónica llega a su correo",
            "Your electronic professional licence arrives by e-mail",
        ),
        "slug": ("cedula-profesional-electronica", "electronic-professional-licence"),
        "summary": (
            "Quienes se titulan reciben su cédula profesional electrónica con firma digital, válida en "
            "todo el país.",
            "New graduates receive their electronic professional licence with a digital signature, "
            "valid throughout the country.",
        ),
        "body": (
            [
                "La cédula electrónica tiene la misma validez que la impresa y puede verificarse en línea "
                "con su código QR.",
            ],
            [
                "The electronic licence is as valid as the printed one and can be verified online with its "
                "QR code.",
            ],
        ),
    },
]

CHARTERS = [
    {
        "id": "charter-registro-civil",
        "agency": "registro-civil-veracruz",
        "valid_from": datetime.date(2026, 1, 1),
        "valid_until": datetime.date(2027, 12, 31),
        "title": (
            "Carta compromiso del Registro Civil 2026-2027",
            "Civil Registry service charter 2026-2027",
        ),
        "introduction": (
            "El Registro Civil del Estado se compromete con estos estándares en la atención de sus "
            "trámites más solicitados.",
            "The State Civil Registry commits to these standards in its most requested procedures.",
        ),
        "sheets": ["registro-nacimiento", "acta-nacimiento-copia", "acta-matrimonio-copia"],
        "commitments": [
            (
                ("Tiempo de respuesta", "Response time"),
                ("Copia certificada el mismo día", "Certified copy the same day"),
                (
                    "Horas entre la solicitud y la entrega, según el sistema de turnos.",
                    "Hours between the request and delivery, from the queue system.",
                ),
            ),
            (
                ("Tiempo de espera", "Waiting time"),
                ("Menos de 30 minutos para ser atendido", "Served within 30 minutes"),
                (
                    "Minutos entre la emisión del turno y la atención, según el sistema de turnos.",
                    "Minutes between taking a ticket and being served, from the queue system.",
                ),
            ),
            (
                ("Gratuidad", "Free of charge"),
                (
                    "Registro de nacimiento y primera copia sin costo",
                    "Birth registration and first copy free",
                ),
                (
                    "Revisión mensual de los cobros registrados en caja.",
                    "Monthly review of the payments recorded at the cash desk.",
                ),
            ),
        ],
        "complaints": (
            "Si no se cumple alguno de estos compromisos, preséntese con la persona titular de la "
            "oficialía o comuníquese con el Órgano Interno de Control, que le responderá en un máximo de "
            "10 días hábiles.",
            "If any of these commitments is not met, speak to the head of the office or contact the "
            "Internal Control Body, which will answer within 10 working days.",
        ),
        "phone": "800 260 0000",
        "email": "quejas.registrocivil@demo.ventanilla.mx",
    },
    {
        "id": "charter-cmas",
        "agency": "cmas-xalapa",
        "valid_from": datetime.date(2026, 1, 1),
        "valid_until": None,
        "title": (
            "Carta compromiso de la Comisión Municipal de Agua",
            "Municipal Water Commission service charter",
        ),
        "introduction": (
            "Nuestro compromiso con las personas usuarias del agua potable y el drenaje.",
            "Our commitment to the users of drinking water and drainage.",
        ),
        "sheets": ["contrato-agua", "fuga-agua", "agua-descuento"],
        "commitments": [
            (
                ("Atención de fugas", "Leak repair"),
                ("24 horas como máximo", "24 hours at most"),
                (
                    "Horas entre el reporte y el cierre de la orden de trabajo.",
                    "Hours between the report and the closing of the work order.",
                ),
            ),
            (
                ("Contratación", "New connections"),
                ("10 días hábiles", "10 working days"),
                (
                    "Días hábiles entre la solicitud completa y la instalación de la toma.",
                    "Working days between the complete application and the installation.",
                ),
            ),
        ],
        "complaints": (
            "Si no cumplimos, llame a la línea de atención o escriba al correo de quejas con su número "
            "de contrato o de folio.",
            "If we fall short, call the service line or write to the complaints address with your "
            "contract or reference number.",
        ),
        "phone": "228 000 0073",
        "email": "quejas.cmas@demo.ventanilla.mx",
    },
    {
        "id": "charter-tesoreria",
        "agency": "tesoreria-xalapa",
        "valid_from": datetime.date(2026, 1, 1),
        "valid_until": datetime.date(2026, 12, 31),
        "title": (
            "Carta compromiso de la Tesorería Municipal 2026",
            "Municipal Treasury service charter 2026",
        ),
        "introduction": (
            "Estándares de servicio para el pago del predial y las constancias catastrales.",
            "Service standards for property tax payments and cadastral certificates.",
        ),
        "sheets": ["predial-pago", "no-adeudo-predial"],
        "commitments": [
            (
                ("Pago del predial", "Property tax payment"),
                ("Recibo al momento, en línea o en caja", "Receipt at once, online or at the desk"),
                (
                    "Revisión diaria de los pagos sin recibo emitido.",
                    "Daily review of payments without a receipt issued.",
                ),
            ),
            (
                ("Constancia de no adeudo", "No-debt certificate"),
                ("3 días hábiles", "3 working days"),
                (
                    "Días hábiles entre la solicitud y la entrega, según el sistema de gestión.",
                    "Working days between the request and delivery, from the case system.",
                ),
            ),
        ],
        "complaints": (
            "Si no se cumple un compromiso, acuda a la Contraloría Municipal o escriba al correo de "
            "quejas; le responderemos en 5 días hábiles.",
            "If a commitment is not met, go to the Municipal Comptroller's office or write to the "
            "complaints address; we will answer within 5 working days.",
        ),
        "phone": "228 000 0100",
        "email": "contraloria@demo.ventanilla.mx",
    },
]

# Library documents (not translated rows: one file in one language, described in both).
DOCUMENTS = [
    {
        "id": "guia-acta-nacimiento",
        "agency": "registro-civil-veracruz",
        "kind": "pamphlet",
        "language": "es",
        "published_on": datetime.date(2026, 8, 4),
        "title": ("Guía para registrar un nacimiento", "Guide to registering a birth"),
        "description": (
            "Qué documentos llevar, quién puede presentar al bebé y cuándo es gratuito.",
            "What documents to bring, who may present the baby and when it is free.",
        ),
        "pages": [
            "El registro de nacimiento es gratuito dentro del primer año de vida. Presente a la niña o al "
            "niño con el certificado de nacimiento expedido por el hospital o la partera.",
            "Lleve la identificación oficial vigente de la madre, del padre o de ambos, y dos testigos "
            "mayores de edad con identificación.",
            "La primera copia certificada del acta se entrega sin costo el mismo día.",
        ],
    },
    {
        "id": "guia-predial",
        "agency": "tesoreria-xalapa",
        "kind": "pamphlet",
        "language": "es",
        "published_on": datetime.date(2026, 1, 8),
        "title": ("Cómo pagar el predial en línea", "How to pay property tax online"),
        "description": (
            "Paso a paso, con los descuentos por pago anticipado.",
            "Step by step, with the early-payment discounts (in Spanish).",
        ),
        "pages": [
            "1. Tenga a la mano su clave catastral, que aparece en su recibo anterior.",
            "2. Entre a la ficha del trámite en la ventanilla única y elija Pagar en línea.",
            "3. Pague con tarjeta o genere una línea de captura para pagar en el banco.",
            "En enero obtiene 20 % de descuento, en febrero 15 % y en marzo 10 %.",
        ],
    },
    {
        "id": "guia-fugas",
        "agency": "cmas-xalapa",
        "kind": "pamphlet",
        "language": "es",
        "published_on": datetime.date(2026, 10, 27),
        "title": ("Qué hacer ante una fuga de agua", "What to do about a water leak"),
        "description": (
            "Cómo distinguir una fuga en la vía pública de una en su domicilio, y cómo reportarla.",
            "How to tell a leak in the street from one in your home, and how to report it (in Spanish).",
        ),
        "pages": [
            "Si el agua sale en la banqueta o la calle, es una fuga en la red pública: repórtela y la "
            "atenderemos en 24 horas como máximo.",
            "Si el medidor gira con todas las llaves cerradas, la fuga está dentro de su domicilio: "
            "revise tinacos, cisternas y sanitarios.",
        ],
    },
    {
        "id": "passport-guide-en",
        "agency": "sre",
        "kind": "pamphlet",
        "language": "en",
        "published_on": datetime.date(2026, 6, 1),
        "title": (
            "Guía del pasaporte para mexicanos en el extranjero (en inglés)",
            "Passport guide for Mexicans abroad",
        ),
        "description": (
            "Requisitos y citas en los consulados, para familias que leen en inglés.",
            "Requirements and consular appointments, for families who read English.",
        ),
        "pages": [
            "Book your appointment at the consulate through the official system; appointments are free.",
            "Bring your birth certificate, an official photo ID and, for minors, both parents or legal "
            "guardians.",
        ],
    },
    {
        "id": "calendario-fiscal",
        "agency": "sefiplan",
        "kind": "other",
        "language": "es",
        "published_on": datetime.date(2026, 1, 2),
        "title": ("Calendario fiscal estatal 2026", "2026 state tax calendar"),
        "description": (
            "Fechas de pago de los impuestos y derechos estatales.",
            "Payment dates of state taxes and fees (in Spanish).",
        ),
        "pages": [
            "Impuesto sobre erogaciones por remuneraciones al trabajo personal: a más tardar el día 17 "
            "del mes siguiente.",
            "Derecho de control vehicular: de enero a marzo, sin recargos.",
        ],
    },
    {
        "id": "formato-unico-xalapa",
        "agency": "desarrollo-urbano-xalapa",
        "kind": "form",
        "language": "es",
        "published_on": datetime.date(2026, 3, 16),
        "title": (
            "Formato único de solicitud de licencias urbanas",
            "Single application form for urban licences",
        ),
        "description": (
            "Para licencias de uso de suelo, construcción y alineamiento.",
            "For land-use, construction and alignment licences (in Spanish).",
        ),
        "pages": [
            "Nombre de la persona solicitante: ______________________________",
            "Domicilio del predio: ______________________________  Clave catastral: __________",
            "Trámite que solicita: [ ] Uso de suelo  [ ] Construcción  [ ] Alineamiento y número oficial",
            "Firma: ______________________________  Fecha: ______________",
        ],
    },
]
