/// ISO 3166-1 alpha-2 countries, with English short names for completion in the terminal and the storefront.
public struct Country: Sendable, Hashable, Codable {
    public let code: String
    public let name: String

    public static let all: [Country] = table.codeNamePairs(codeLength: 2).map { Country(code: $0.0, name: $0.1) }

    private static let byCode: [String: Country] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static let rule = CodeOrName(noun: "country", plural: "countries", codeLength: 2,
                                         entries: all.map { ($0.code, $0.name) },
                                         otherNames: otherNames.codeNamePairs(codeLength: 2))

    public static func named(_ code: String) -> Country? { byCode[code.uppercased()] }

    /// The country `text` stands for: its code in any case, or its English or local name with or without
    /// accents; refused when unknown or when it fits several (see `CodeOrName`).
    public static func resolve(_ text: String, field: String = "country") -> Result<Country, FieldError> {
        let expected = "an ISO 3166-1 alpha-2 code (GR, DE, US) or a name (Greece, Ελλάδα)"
        return rule.resolve(text, field: field, expected: expected)
            .map { byCode[$0]! }
    }

    /// The countries that fit what is typed so far: the form shows them, and one alone is what `resolve` gives.
    public static func candidates(_ text: String) -> [Country] { rule.candidates(text).map { byCode[$0]! } }

    public static func parse(_ raw: String, field: String = "country") throws(FieldError) -> Country {
        try resolve(raw, field: field).get()
    }

    /// Names people also type: the country's name in its own languages (the `country_name` of glibc's
    /// locales, /usr/share/i18n/locales) and common English short forms. Names equal to the English one
    /// once folded are left out.
    private static let otherNames = """
AE الإمارات العربية المتحدة|AE UAE|AF افغانستان|AG Antigua & Barbuda|AL Shqipëri|\
AM Հայաստան|\
AT Österreich|AZ Azərbaycan|BA Bosna i Hercegovina|BD বাংলাদেশ|BE Belgien|BE Belgique|BE Bèlsj|\
BE België|BE Beldjike|BG България|BH البحرين|BR Brasil|BT འབྲུག|BY Беларусь|\
CA Kanada|CA ᑲᓇᑕ|\
CD Repibiki demokratiki ya Kongó|CD DR Congo|CD Democratic Republic of the Congo|\
CG Republic of the Congo|CH Schweiz|CH Suisse|CH Svizzera|CH Schwiz|CI Ivory Coast|CN རྒྱ་ནག|CN جۇڭگو|\
CN 中华人民共和国|CN 中国|CV Cape Verde|CW Kòrsou|CY Κύπρος|CY Kıbrıs|CZ Česká republika|\
CZ Czech Republic|CZ Česko|DE Deutschland|DE Nimska|DE Dútslân|DE Němska|DE Düütschland|DJ Yabuuti|\
DJ Jabuuti|DK Danmark|DO República Dominicana|DZ الجزائر|DZ Lezzayer|EE Eesti|EG مصر|ER Eretria|\
ER ኤርትራ|ES Espanya|ES España|ES Espainia|ET Otobbia|ET ኢትዮጵያ|ET Itoophiyaa|ET Itiyoophiya|\
ET Itoobiya|FI Suomi|FO Føroyar|FR Frañs|FR França|FR Francia|GB Y Deyrnas Unedig|\
GB An Rìoghachd Aonaichte|GB Rywvaneth Unys|GB UK|GB Great Britain|GB Britain|GE Кырҭтәыла|\
GE საქართველო|GH Gaana|GL Kalaallit Nunaat|GR Ελλάδα|GR Hellas|GR Ελλάς|\
HK Hong Kong SAR China|\
HK 中華人民共和國香港特別行政區|HK 香港|HR Hrvatska|HT Ayiti|HU Magyarország|IE Éire|IL ישראל|\
IN भारत|IN الهند|IN ভাৰত|IN ভারত|IN རྒྱ་གར་|IN ભારત|\
IN ಭಾರತ|IN ہِندوستان|IN Bhorot|IN ഇന്ത്യ|IN ଭାରତ|\
IN ਭਾਰਤ|IN भारतम्|IN ᱥᱤᱧᱚᱛ|IN انڊيا|IN இந்தியா|\
IN భారతదేశం|IN بھارت|IQ العراق|IQ عێراق|IR ایران|\
IS Ísland|IT Itàlia|IT Italien|IT Italie|JO الأردن|JP 日本|KE Keeniyaa|KE Kiiniya|KG Кыргызстан|\
KH កម្ពុជា|KP North Korea|KR 대한민국|KR South Korea|KR 한국|KW الكويت|\
KZ Қазақстан|LA ລາວ|LA Laos|\
LB لبنان|LK ශ්\u{200D}රී ලංකාව|LK இலங்கை|LT Lietuva|LT Lietova|LU Luxemburg|\
LU Lëtzebuerg|LV Latvija|LY ليبيا|\
MA المغرب|MA ⵜⴰⴳⵍⴷⵉⵜ ⵏ ⵍⵎⵖⵔⵉⴱ|MA Lmerruk|ME Црна Гора|ME Crna Gora|\
MG Madagasikara|MK Македонија|\
MK Maqedoni|MM ဗၟာ|MM မြန်မာ|MM မၢၼ်ႈ|MM Burma|MN Монгол|MU Moris|\
MV ދިވެހިރާއްޖެ|MX Mexihco|NG Najeriya|\
NG Naịjịrịa|NG Orilẹ̀-èdè Nàìjíríà|NL Nederlân|NL Nederland|NL Nedderlannen|NL Holland|NO Norge|\
NO Noreg|NO Norga|NP नेपाल|NZ Aotearoa|OM عُمان|PE Piruw|PG Papua Niugini|PH Pilipinas|PK پکستان|\
PK پاکستان|PL Pòlskô|PL Polska|QA قطر|RS Србија|RS Srbija|RU Росси|RU Уӕрӕсе|\
RU Россия|RU Арассыыйа|\
RU Русия|RW U Rwanda|SA المملكة العربية السعودية|SD السودان|SE Sverige|\
SG 新加坡|SI Slovenija|\
SK Slovensko|SN Senegaal|SO Soomaaliya|SS جنوب السودان|SY سوريا|SZ Swaziland|TH ไทย|\
TJ Тоҷикистон|\
TL East Timor|TN تونس|TR Tirkiye|TR Turkey|TW 中華民國|TW 台灣|TW 臺灣|UA Украина|UA Україна|\
UG Yuganda|US ᏌᏊ ᎢᏳᎾᎵᏍᏔᏅ ᏍᎦᏚᎩ|US United States|US Estados Unidos|US USA|\
US פֿאַראייניגטע שטאַטן|\
UZ Oʻzbekiston|VA Vatican|VG British Virgin Islands|VI US Virgin Islands|VN Vietnam|YE اليمن|\
ZA Suid-Afrika|ZA iSewula Afrika|ZA Afrika Borwa|ZA iNingizimu Afrika|ZA Aforika Borwa|\
ZA Afrika Dzonga|ZA Afurika Tshipembe|ZA uMzantsi Afrika
"""

    private static let table = """
AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AI Anguilla|AL Albania|AM Armenia|\
AO Angola|AQ Antarctica|AR Argentina|AS American Samoa|AT Austria|AU Australia|AW Aruba|AX Åland Islands|\
AZ Azerbaijan|BA Bosnia and Herzegovina|BB Barbados|BD Bangladesh|BE Belgium|BF Burkina Faso|BG Bulgaria|\
BH Bahrain|BI Burundi|BJ Benin|BL Saint Barthélemy|BM Bermuda|BN Brunei Darussalam|BO Bolivia|\
BQ Bonaire, Sint Eustatius and Saba|BR Brazil|BS Bahamas|BT Bhutan|BV Bouvet Island|BW Botswana|BY Belarus|\
BZ Belize|CA Canada|CC Cocos (Keeling) Islands|CD Congo, Democratic Republic of the|CF Central African Republic|\
CG Congo|CH Switzerland|CI Côte d'Ivoire|CK Cook Islands|CL Chile|CM Cameroon|CN China|CO Colombia|\
CR Costa Rica|CU Cuba|CV Cabo Verde|CW Curaçao|CX Christmas Island|CY Cyprus|CZ Czechia|DE Germany|\
DJ Djibouti|DK Denmark|DM Dominica|DO Dominican Republic|DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|\
EH Western Sahara|ER Eritrea|ES Spain|ET Ethiopia|FI Finland|FJ Fiji|FK Falkland Islands (Malvinas)|\
FM Micronesia|FO Faroe Islands|FR France|GA Gabon|GB United Kingdom|GD Grenada|GE Georgia|GF French Guiana|\
GG Guernsey|GH Ghana|GI Gibraltar|GL Greenland|GM Gambia|GN Guinea|GP Guadeloupe|GQ Equatorial Guinea|\
GR Greece|GS South Georgia and the South Sandwich Islands|GT Guatemala|GU Guam|GW Guinea-Bissau|GY Guyana|\
HK Hong Kong|HM Heard Island and McDonald Islands|HN Honduras|HR Croatia|HT Haiti|HU Hungary|ID Indonesia|\
IE Ireland|IL Israel|IM Isle of Man|IN India|IO British Indian Ocean Territory|IQ Iraq|IR Iran|IS Iceland|\
IT Italy|JE Jersey|JM Jamaica|JO Jordan|JP Japan|KE Kenya|KG Kyrgyzstan|KH Cambodia|KI Kiribati|KM Comoros|\
KN Saint Kitts and Nevis|KP Korea, Democratic People's Republic of|KR Korea, Republic of|KW Kuwait|\
KY Cayman Islands|KZ Kazakhstan|LA Lao People's Democratic Republic|LB Lebanon|LC Saint Lucia|\
LI Liechtenstein|LK Sri Lanka|LR Liberia|LS Lesotho|LT Lithuania|LU Luxembourg|LV Latvia|LY Libya|\
MA Morocco|MC Monaco|MD Moldova|ME Montenegro|MF Saint Martin (French part)|MG Madagascar|MH Marshall Islands|\
MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|MP Northern Mariana Islands|MQ Martinique|\
MR Mauritania|MS Montserrat|MT Malta|MU Mauritius|MV Maldives|MW Malawi|MX Mexico|MY Malaysia|MZ Mozambique|\
NA Namibia|NC New Caledonia|NE Niger|NF Norfolk Island|NG Nigeria|NI Nicaragua|NL Netherlands|NO Norway|\
NP Nepal|NR Nauru|NU Niue|NZ New Zealand|OM Oman|PA Panama|PE Peru|PF French Polynesia|PG Papua New Guinea|\
PH Philippines|PK Pakistan|PL Poland|PM Saint Pierre and Miquelon|PN Pitcairn|PR Puerto Rico|PS Palestine, State of|\
PT Portugal|PW Palau|PY Paraguay|QA Qatar|RE Réunion|RO Romania|RS Serbia|RU Russian Federation|RW Rwanda|\
SA Saudi Arabia|SB Solomon Islands|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|\
SH Saint Helena, Ascension and Tristan da Cunha|SI Slovenia|SJ Svalbard and Jan Mayen|SK Slovakia|\
SL Sierra Leone|SM San Marino|SN Senegal|SO Somalia|SR Suriname|SS South Sudan|ST Sao Tome and Principe|\
SV El Salvador|SX Sint Maarten (Dutch part)|SY Syrian Arab Republic|SZ Eswatini|TC Turks and Caicos Islands|\
TD Chad|TF French Southern Territories|TG Togo|TH Thailand|TJ Tajikistan|TK Tokelau|TL Timor-Leste|\
TM Turkmenistan|TN Tunisia|TO Tonga|TR Türkiye|TT Trinidad and Tobago|TV Tuvalu|TW Taiwan|TZ Tanzania|\
UA Ukraine|UG Uganda|UM United States Minor Outlying Islands|US United States of America|UY Uruguay|\
UZ Uzbekistan|VA Holy See|VC Saint Vincent and the Grenadines|VE Venezuela|VG Virgin Islands (British)|\
VI Virgin Islands (U.S.)|VN Viet Nam|VU Vanuatu|WF Wallis and Futuna|WS Samoa|YE Yemen|YT Mayotte|\
ZA South Africa|ZM Zambia|ZW Zimbabwe
"""
}

import Foundation
