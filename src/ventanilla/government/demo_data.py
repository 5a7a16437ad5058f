"""Demonstration data: a plausible Mexican government structure (fictional people).

Plain data, read by `manage.py load_demo` (government/management/commands/load_demo.py).
Names of institutions and addresses are realistic; heads of agencies are invented.
"""

import datetime

# (slug, level, name, name_en, parent slug, INEGI code)
JURISDICTIONS = [
    ("mexico", "federal", "Estados Unidos Mexicanos", "United Mexican States", None, ""),
    ("veracruz", "state", "Veracruz de Ignacio de la Llave", "Veracruz", "mexico", "30"),
    ("jalisco", "state", "Jalisco", "Jalisco", "mexico", "14"),
    ("ciudad-de-mexico", "state", "Ciudad de México", "Mexico City", "mexico", "09"),
    ("xalapa", "municipal", "Xalapa", "Xalapa", "veracruz", "30087"),
    ("guadalajara", "municipal", "Guadalajara", "Guadalajara", "jalisco", "14039"),
]

# Each agency: identity, purpose (es, en) from which mission, vision and welcome are written,
# a fictional head, units and offices. Office: (name, name_en, street, colonia, municipality,
# state, postal code, latitude, longitude, phone, hours key).
AGENCIES = [
    {
        "slug": "segob", "jurisdiction": "mexico", "acronym": "SEGOB",
        "name": "Secretaría de Gobernación", "name_en": "Ministry of the Interior",
        "purpose": ("conducir la política interior y la relación con los poderes y órdenes de gobierno",
                    "conduct domestic policy and relations with the branches and levels of government"),
        "head": ("Mtra. Rosa Elena Villaseñor Ortiz", "Secretaria de Gobernación",
                 "Secretary of the Interior"),
        "website": "https://www.gob.mx/segob", "phone": "55 5728 7400",
        "units": ["Unidad de Gobierno", "Dirección General de Asuntos Jurídicos"],
        "offices": [
            ("Oficinas centrales de Gobernación", "Ministry of the Interior headquarters",
             "Abraham González 48", "Juárez", "Cuauhtémoc", "Ciudad de México", "06600",
             "19.429650", "-99.156120", "55 5728 7400", "federal"),
            ("Oficina de Representación en Veracruz", "Veracruz representation office",
             "Av. Manuel Ávila Camacho 195", "Centro", "Xalapa", "Veracruz", "91000",
             "19.532180", "-96.923410", "228 817 2210", "federal"),
        ],
    },
    {
        "slug": "renapo", "jurisdiction": "mexico", "acronym": "RENAPO", "parent": "segob",
        "name": "Registro Nacional de Población e Identidad",
        "name_en": "National Population and Identity Registry",
        "purpose": ("registrar y acreditar la identidad de todas las personas que viven en el país",
                    "register and certify the identity of everyone who lives in the country"),
        "head": ("Lic. Jorge Armando Solís Bravo", "Director General", "Director General"),
        "website": "https://www.gob.mx/segob/renapo", "phone": "55 5128 0000",
        "units": ["Dirección de la Clave Única de Registro de Población"],
        "offices": [
            ("Módulo CURP Ciudad de México", "CURP office, Mexico City",
             "Londres 102", "Juárez", "Cuauhtémoc", "Ciudad de México", "06600",
             "19.426830", "-99.161720", "55 5128 0000", "federal"),
            ("Módulo CURP Guadalajara", "CURP office, Guadalajara",
             "Av. Alcalde 1351", "Miraflores", "Guadalajara", "Jalisco", "44270",
             "20.698510", "-103.347310", "33 3614 1020", "federal"),
        ],
    },
    {
        "slug": "sre", "jurisdiction": "mexico", "acronym": "SRE",
        "name": "Secretaría de Relaciones Exteriores", "name_en": "Ministry of Foreign Affairs",
        "purpose": ("conducir la política exterior y expedir pasaportes a las personas mexicanas",
                    "conduct foreign policy and issue passports to Mexican nationals"),
        "head": ("Emb. Laura Patricia Cienfuegos Mora", "Secretaria de Relaciones Exteriores",
                 "Secretary of Foreign Affairs"),
        "website": "https://www.gob.mx/sre", "phone": "55 3686 5100",
        "units": ["Dirección General de Delegaciones", "Dirección General de Protección Consular"],
        "offices": [
            ("Oficina de Pasaportes Tlatelolco", "Tlatelolco passport office",
             "Av. Juárez 20", "Centro", "Cuauhtémoc", "Ciudad de México", "06010",
             "19.435340", "-99.144510", "55 3686 5100", "federal"),
            ("Oficina de Enlace Xalapa", "Xalapa liaison office",
             "Av. Lázaro Cárdenas 282", "Rafael Lucio", "Xalapa", "Veracruz", "91110",
             "19.545310", "-96.927520", "228 841 6130", "federal"),
        ],
    },
    {
        "slug": "sat", "jurisdiction": "mexico", "acronym": "SAT",
        "name": "Servicio de Administración Tributaria", "name_en": "Tax Administration Service",
        "purpose": ("recaudar los impuestos federales con equidad y facilitar su cumplimiento",
                    "collect federal taxes fairly and make compliance easy"),
        "head": ("C.P. Ernesto Galindo Ríos", "Jefe del SAT", "Head of the SAT"),
        "website": "https://www.sat.gob.mx", "phone": "55 627 22 728",
        "units": ["Administración General de Servicios al Contribuyente"],
        "offices": [
            ("Oficina del SAT Xalapa", "SAT office, Xalapa",
             "Av. Ruiz Cortines 1707", "Francisco Ferrer Guardia", "Xalapa", "Veracruz", "91026",
             "19.522910", "-96.899270", "55 627 22 728", "federal"),
            ("Oficina del SAT Guadalajara Centro", "SAT office, central Guadalajara",
             "Av. Américas 833", "Providencia", "Guadalajara", "Jalisco", "44630",
             "20.688420", "-103.374120", "55 627 22 728", "federal"),
        ],
    },
    {
        "slug": "imss", "jurisdiction": "mexico", "acronym": "IMSS",
        "name": "Instituto Mexicano del Seguro Social", "name_en": "Mexican Social Security Institute",
        "purpose": ("proteger la salud y el bienestar de las personas trabajadoras y sus familias",
                    "protect the health and well-being of workers and their families"),
        "head": ("Dr. Manuel Antonio Treviño Lara", "Director General", "Director General"),
        "website": "https://www.imss.gob.mx", "phone": "800 623 2323",
        "units": ["Dirección de Incorporación y Recaudación", "Dirección de Prestaciones Económicas"],
        "offices": [
            ("Subdelegación Xalapa", "Xalapa sub-delegation",
             "Av. Lázaro Cárdenas 209", "Rafael Lucio", "Xalapa", "Veracruz", "91110",
             "19.543120", "-96.925830", "228 813 4400", "extended"),
            ("Subdelegación Guadalajara Hidalgo", "Guadalajara Hidalgo sub-delegation",
             "Av. Federalismo Norte 1200", "Santa Elena Alcalde", "Guadalajara", "Jalisco", "44220",
             "20.698010", "-103.355330", "33 3668 3000", "extended"),
        ],
    },
    {
        "slug": "sep", "jurisdiction": "mexico", "acronym": "SEP",
        "name": "Secretaría de Educación Pública", "name_en": "Ministry of Public Education",
        "purpose": ("garantizar el derecho a la educación de calidad para todas las niñas, niños y jóvenes",
                    "guarantee the right to quality education for all children and young people"),
        "head": ("Mtro. Héctor Fabián Quiroga Salas", "Secretario de Educación Pública",
                 "Secretary of Public Education"),
        "website": "https://www.gob.mx/sep", "phone": "55 3601 1000",
        "units": ["Dirección General de Acreditación, Incorporación y Revalidación"],
        "offices": [
            ("Ventanilla de certificados SEP", "SEP certificates desk",
             "República de Argentina 28", "Centro", "Cuauhtémoc", "Ciudad de México", "06020",
             "19.435920", "-99.131210", "55 3601 1000", "federal"),
            ("Ventanilla de revalidación Guadalajara", "Guadalajara revalidation desk",
             "Av. Prolongación Alcalde 1351", "Miraflores", "Guadalajara", "Jalisco", "44270",
             "20.699820", "-103.347880", "33 3819 2700", "federal"),
        ],
    },
    {
        "slug": "stps", "jurisdiction": "mexico", "acronym": "STPS",
        "name": "Secretaría del Trabajo y Previsión Social",
        "name_en": "Ministry of Labour and Social Welfare",
        "purpose": ("promover el trabajo digno, la justicia laboral y el empleo formal",
                    "promote decent work, labour justice and formal employment"),
        "head": ("Lic. Adriana Guadalupe Pineda Real", "Secretaria del Trabajo", "Secretary of Labour"),
        "website": "https://www.gob.mx/stps", "phone": "55 3000 2700",
        "units": ["Servicio Nacional de Empleo", "Procuraduría Federal de la Defensa del Trabajo"],
        "offices": [
            ("Oficina de Representación Federal del Trabajo en Veracruz", "Federal labour office, Veracruz",
             "Calle Xalapeños Ilustres 96", "Centro", "Xalapa", "Veracruz", "91000",
             "19.528650", "-96.918450", "228 817 3900", "federal"),
            ("Oficina del Servicio Nacional de Empleo Ciudad de México",
             "National Employment Service, Mexico City",
             "Av. Paseo de la Reforma 93", "Tabacalera", "Cuauhtémoc", "Ciudad de México", "06030",
             "19.437550", "-99.154300", "55 3000 2700", "federal"),
        ],
    },
    {
        "slug": "cfe", "jurisdiction": "mexico", "acronym": "CFE",
        "name": "Comisión Federal de Electricidad", "name_en": "Federal Electricity Commission",
        "purpose": ("suministrar energía eléctrica confiable y accesible en todo el país",
                    "supply reliable and affordable electricity across the country"),
        "head": ("Ing. Raúl Enrique Olvera Cantú", "Director General", "Director General"),
        "website": "https://www.cfe.mx", "phone": "071",
        "units": ["CFE Suministrador de Servicios Básicos"],
        "offices": [
            ("Centro de Atención a Clientes Xalapa", "Xalapa customer service centre",
             "Av. Orizaba 101", "Obrero Campesina", "Xalapa", "Veracruz", "91020",
             "19.534420", "-96.909830", "071", "extended"),
            ("Centro de Atención a Clientes Guadalajara Juárez", "Guadalajara Juárez customer service centre",
             "Av. Juárez 218", "Centro", "Guadalajara", "Jalisco", "44100",
             "20.675310", "-103.350520", "071", "extended"),
        ],
    },
    {
        "slug": "sefiplan", "jurisdiction": "veracruz", "acronym": "SEFIPLAN",
        "name": "Secretaría de Finanzas y Planeación", "name_en": "Ministry of Finance and Planning",
        "purpose": ("administrar con transparencia las finanzas públicas del Estado de Veracruz",
                    "manage the public finances of the State of Veracruz transparently"),
        "head": ("Mtro. Óscar Iván Landa Herrera", "Secretario de Finanzas y Planeación",
                 "Secretary of Finance and Planning"),
        "website": "https://www.veracruz.gob.mx/finanzas", "phone": "228 842 1400",
        "units": ["Subsecretaría de Ingresos", "Dirección General de Recaudación"],
        "offices": [
            ("Oficina de Hacienda del Estado en Xalapa", "State tax office, Xalapa",
             "Av. Xalapa 301", "Unidad del Bosque Pensiones", "Xalapa", "Veracruz", "91017",
             "19.537810", "-96.903540", "228 842 1400", "state"),
            ("Módulo de Atención Plaza Cristal", "Plaza Cristal service point",
             "Av. Lázaro Cárdenas s/n, Plaza Cristal", "Unidad del Bosque", "Xalapa", "Veracruz", "91010",
             "19.543950", "-96.916460", "228 842 1400", "saturday"),
        ],
    },
    {
        "slug": "registro-civil-veracruz", "jurisdiction": "veracruz", "acronym": "RCV",
        "name": "Dirección General del Registro Civil de Veracruz", "name_en": "Veracruz Civil Registry",
        "purpose": ("dar certeza jurídica a los nacimientos, matrimonios y defunciones",
                    "give legal certainty to births, marriages and deaths"),
        "head": ("Lic. María Fernanda Uscanga Rivera", "Directora General", "Director General"),
        "website": "https://www.veracruz.gob.mx/registrocivil", "phone": "228 841 7400",
        "units": ["Departamento de Actas", "Departamento de Rectificaciones"],
        "offices": [
            ("Oficialía del Registro Civil Xalapa Centro", "Xalapa city-centre civil registry office",
             "Calle Zaragoza 14", "Centro", "Xalapa", "Veracruz", "91000",
             "19.527480", "-96.921930", "228 818 2850", "state"),
            ("Oficialía del Registro Civil Xalapa Animas", "Xalapa Animas civil registry office",
             "Av. Rafael Murillo Vidal 1735", "Cuauhtémoc", "Xalapa", "Veracruz", "91069",
             "19.515340", "-96.880510", "228 813 6720", "state"),
        ],
    },
    {
        "slug": "sev", "jurisdiction": "veracruz", "acronym": "SEV",
        "name": "Secretaría de Educación de Veracruz", "name_en": "Veracruz Ministry of Education",
        "purpose": ("ofrecer educación pública incluyente y de calidad en todo el Estado",
                    "provide inclusive, quality public education throughout the State"),
        "head": ("Dra. Claudia Beatriz Montiel Aguirre", "Secretaria de Educación", "Secretary of Education"),
        "website": "https://www.sev.gob.mx", "phone": "228 841 7700",
        "units": ["Dirección de Control Escolar"],
        "offices": [
            ("Oficinas centrales de la SEV", "SEV headquarters",
             "Km 4.5 Carretera Federal Xalapa-Veracruz", "Sipehtla", "Xalapa", "Veracruz", "91190",
             "19.508920", "-96.867830", "228 841 7700", "state"),
            ("Módulo de Control Escolar Centro", "City-centre school records desk",
             "Calle Juan de la Luz Enríquez 21", "Centro", "Xalapa", "Veracruz", "91000",
             "19.528810", "-96.923100", "228 817 0544", "state"),
        ],
    },
    {
        "slug": "semovi-cdmx", "jurisdiction": "ciudad-de-mexico", "acronym": "SEMOVI",
        "name": "Secretaría de Movilidad de la Ciudad de México",
        "name_en": "Mexico City Ministry of Mobility",
        "purpose": ("garantizar una movilidad segura, eficiente y sustentable en la Ciudad",
                    "ensure safe, efficient and sustainable mobility in the City"),
        "head": ("Ing. Tomás Alberto Reséndiz Luna", "Secretario de Movilidad", "Secretary of Mobility"),
        "website": "https://www.semovi.cdmx.gob.mx", "phone": "55 5209 9913",
        "units": ["Dirección de Licencias y Control Vehicular"],
        "offices": [
            ("Módulo de Licencias Álvaro Obregón", "Álvaro Obregón licence office",
             "Av. Álvaro Obregón 269", "Roma Norte", "Cuauhtémoc", "Ciudad de México", "06700",
             "19.418420", "-99.163710", "55 5209 9913", "saturday"),
            ("Módulo de Control Vehicular Insurgentes", "Insurgentes vehicle registration office",
             "Av. Insurgentes Sur 1377", "Insurgentes Mixcoac", "Benito Juárez", "Ciudad de México", "03920",
             "19.372440", "-99.178690", "55 5209 9913", "state"),
        ],
    },
    {
        "slug": "tesoreria-xalapa", "jurisdiction": "xalapa", "acronym": "TESXAL",
        "name": "Tesorería Municipal de Xalapa", "name_en": "Xalapa Municipal Treasury",
        "purpose": ("recaudar y administrar los recursos del Municipio para servir mejor a la ciudadanía",
                    "collect and manage the Municipality's resources to serve residents better"),
        "head": ("C.P. Gabriela Isabel Contreras Mendoza", "Tesorera Municipal", "Municipal Treasurer"),
        "website": "https://xalapa.gob.mx/tesoreria", "phone": "228 841 1300",
        "units": ["Dirección de Ingresos", "Departamento de Catastro"],
        "offices": [
            ("Caja de Palacio Municipal", "City Hall cashier's office",
             "Calle Enríquez 1", "Centro", "Xalapa", "Veracruz", "91000",
             "19.528490", "-96.922860", "228 841 1300", "municipal"),
            ("Módulo de Predial Plaza Ánimas", "Plaza Ánimas property-tax desk",
             "Av. Rafael Murillo Vidal s/n, Plaza Ánimas", "Ánimas", "Xalapa", "Veracruz", "91190",
             "19.513250", "-96.877940", "228 841 1300", "saturday"),
        ],
    },
    {
        "slug": "desarrollo-urbano-xalapa", "jurisdiction": "xalapa", "acronym": "DUXAL",
        "name": "Dirección de Desarrollo Urbano de Xalapa", "name_en": "Xalapa Urban Development Department",
        "purpose": ("ordenar el crecimiento de la ciudad y otorgar licencias de construcción y uso de suelo",
                    "guide the city's growth and issue building and land-use permits"),
        "head": ("Arq. Luis Fernando Bárcenas Olmos", "Director de Desarrollo Urbano",
                 "Director of Urban Development"),
        "website": "https://xalapa.gob.mx/desarrollo-urbano", "phone": "228 841 1340",
        "units": ["Departamento de Licencias de Construcción", "Departamento de Uso de Suelo"],
        "offices": [
            ("Ventanilla Única de Construcción", "Building permits one-stop desk",
             "Calle Leandro Valle 18", "Centro", "Xalapa", "Veracruz", "91000",
             "19.529120", "-96.924360", "228 841 1340", "municipal"),
            ("Módulo de Desarrollo Urbano Xalapa 2000", "Xalapa 2000 urban development desk",
             "Av. Arco Sur 2000", "Reserva Territorial", "Xalapa", "Veracruz", "91096",
             "19.508120", "-96.893040", "228 841 1340", "municipal"),
        ],
    },
    {
        "slug": "cmas-xalapa", "jurisdiction": "xalapa", "acronym": "CMAS",
        "name": "Comisión Municipal de Agua Potable y Saneamiento de Xalapa",
        "name_en": "Xalapa Municipal Water and Sanitation Commission",
        "purpose": ("llevar agua potable y saneamiento a todos los hogares de Xalapa",
                    "bring drinking water and sanitation to every home in Xalapa"),
        "head": ("Ing. Silvia Lorena Hernández Acosta", "Directora General", "Director General"),
        "website": "https://cmasxalapa.gob.mx", "phone": "228 141 0600",
        "units": ["Gerencia Comercial", "Gerencia de Operación"],
        "offices": [
            ("Oficinas centrales CMAS", "CMAS headquarters",
             "Av. Miguel Alemán 109", "Federal", "Xalapa", "Veracruz", "91140",
             "19.536110", "-96.905720", "228 141 0600", "municipal"),
            ("Módulo de cobro CMAS Sumidero", "CMAS Sumidero payment desk",
             "Av. Lázaro Cárdenas 440", "Sumidero", "Xalapa", "Veracruz", "91150",
             "19.556420", "-96.932390", "228 141 0600", "saturday"),
        ],
    },
    {
        "slug": "padron-licencias-guadalajara", "jurisdiction": "guadalajara", "acronym": "PLGDL",
        "name": "Dirección de Padrón y Licencias de Guadalajara",
        "name_en": "Guadalajara Business Licensing Department",
        "purpose": ("otorgar licencias de giro de forma ágil y transparente",
                    "grant business licences quickly and transparently"),
        "head": ("Lic. Ricardo Javier Ochoa Zepeda", "Director de Padrón y Licencias",
                 "Director of Business Licensing"),
        "website": "https://guadalajara.gob.mx/padron-licencias", "phone": "33 3837 4400",
        "units": ["Departamento de Licencias de Giro"],
        "offices": [
            ("Ventanilla Multitrámite Guadalajara", "Guadalajara multi-service desk",
             "Av. Hidalgo 400", "Centro", "Guadalajara", "Jalisco", "44100",
             "20.676880", "-103.347210", "33 3837 4400", "municipal"),
            ("Unidad Administrativa Reforma", "Reforma administrative unit",
             "Calle Reforma 1050", "Ladrón de Guevara", "Guadalajara", "Jalisco", "44600",
             "20.680050", "-103.369220", "33 3837 4400", "municipal"),
        ],
    },
]

_T = datetime.time
# Weekly hours by key: {weekday (0 = Monday): [(opens, closes), ...]}.
HOURS = {
    "federal": {d: [(_T(9), _T(15))] for d in range(5)},
    "extended": {d: [(_T(8), _T(16))] for d in range(5)},
    "state": {d: [(_T(8, 30), _T(15))] for d in range(5)},
    "municipal": {d: [(_T(8), _T(14)), (_T(16), _T(18))] for d in range(5)},
    "saturday": {**{d: [(_T(9), _T(17))] for d in range(5)}, 5: [(_T(9), _T(13))]},
}


def agency_texts(agency: dict) -> dict:
    """Mission, vision and the head's welcome, in Spanish and English, from the agency's purpose."""
    purpose_es, purpose_en = agency["purpose"]
    return {
        "mission": f"Nuestra misión es {purpose_es}, con servicios cercanos, sencillos y accesibles "
        "para todas las personas.",
        "mission_en": f"Our mission is to {purpose_en}, with services that are close, simple and "
        "accessible to everyone.",
        "vision": f"Ser una institución de confianza, reconocida por {purpose_es} con transparencia "
        "y eficiencia.",
        "vision_en": f"To be a trusted institution, recognised for its work to {purpose_en} "
        "transparently and efficiently.",
        "welcome_message": f"Le damos la bienvenida al portal de {agency['name']}. Aquí puede "
        "consultar nuestros trámites, oficinas y horarios, y hacer en línea todo lo posible, sin filas "
        "ni intermediarios.",
        "welcome_message_en": f"Welcome to the portal of the {agency['name_en']}. Here you can look up our "
        "procedures, offices and opening hours, and do online all that can be done online, without queues "
        "or intermediaries.",
    }


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def national_holidays(year: int) -> list[tuple[datetime.date, str, str]]:
    """Mandatory rest days of Ley Federal del Trabajo art. 74 for `year`."""
    days = [
        (datetime.date(year, 1, 1), "Año Nuevo", "New Year's Day"),
        (_nth_weekday(year, 2, 0, 1), "Día de la Constitución", "Constitution Day"),
        (_nth_weekday(year, 3, 0, 3), "Natalicio de Benito Juárez", "Benito Juárez's Birthday"),
        (datetime.date(year, 5, 1), "Día del Trabajo", "Labour Day"),
        (datetime.date(year, 9, 16), "Día de la Independencia", "Independence Day"),
        (_nth_weekday(year, 11, 0, 3), "Día de la Revolución", "Revolution Day"),
        (datetime.date(year, 12, 25), "Navidad", "Christmas Day"),
    ]
    if (year - 2024) % 6 == 0:  # art. 74 VII: the presidential inauguration, every six years
        days.append((datetime.date(year, 10, 1), "Transmisión del Poder Ejecutivo Federal",
                     "Presidential inauguration"))
    if (year - 2027) % 3 == 0:  # art. 74 IX: federal election day, first Sunday of June
        days.append((_nth_weekday(year, 6, 6, 1), "Jornada electoral federal", "Federal election day"))
    return sorted(days)


# The agency whose staff the demo accounts belong to.
DEMO_STAFF_AGENCY = "sefiplan"
DEMO_PASSWORD = "Demo-Ventanilla-2026"
# (e-mail, given names, surnames, role or None for a citizen)
DEMO_USERS = [
    ("editor@demo.ventanilla.mx", "Elena", "Editora Ruiz", "editor"),
    ("reviewer@demo.ventanilla.mx", "Ramiro", "Revisor Domínguez", "reviewer"),
    ("officer@demo.ventanilla.mx", "Olga", "Operadora Téllez", "officer"),
    ("supervisor@demo.ventanilla.mx", "Samuel", "Supervisor Meza", "supervisor"),
    ("agency-admin@demo.ventanilla.mx", "Adela", "Administradora Fuentes", "agency_admin"),
    ("platform-admin@demo.ventanilla.mx", "Pablo", "Plataforma Ibarra", "platform_admin"),
    ("ciudadano@demo.ventanilla.mx", "Citlali", "Ciudadana Vázquez", None),
]
