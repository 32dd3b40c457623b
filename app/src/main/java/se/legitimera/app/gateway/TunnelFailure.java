package se.legitimera.app.gateway;

/**
 * Every reason a tunnel refuses a connection, with the HTTP status and the texts of the browser's error
 * page (Swedish first, English second). The texts hold no personal data and no value from the request.
 */
public enum TunnelFailure {
    CARD_MISSING(503,
            "Inget SITHS-kort",
            "Sätt i ditt SITHS-kort i kortläsaren och ladda sedan om sidan.",
            "No SITHS card",
            "Insert your SITHS card into the card reader, then reload the page."),
    PIN_REFUSED(403,
            "Kortet godtog inte PIN-koden",
            "Legitimeringskoden var fel eller är spärrad. Ladda om sidan för att försöka igen. "
                    + "Efter tre felaktiga försök spärras koden och du behöver din PUK-kod.",
            "The card did not accept the PIN",
            "The identification PIN was wrong or is blocked. Reload the page to try again. "
                    + "After three wrong attempts the PIN is blocked and you need your PUK."),
    PIN_CANCELLED(403,
            "Ingen PIN-kod angavs",
            "Anslutningen kräver din legitimeringskod. Ladda om sidan för att ange den.",
            "No PIN was entered",
            "The connection needs your identification PIN. Reload the page to enter it."),
    UPSTREAM_REJECTED_CERTIFICATE(502,
            "Tjänsten godtog inte ditt kort",
            "Tjänsten avvisade certifikatet på ditt SITHS-kort. Kontrollera att kortet är giltigt och att "
                    + "du har behörighet till tjänsten.",
            "The service did not accept your card",
            "The service rejected the certificate on your SITHS card. Check that the card is valid and that "
                    + "you are allowed to use the service."),
    UPSTREAM_UNTRUSTED(502,
            "Tjänstens certifikat är inte betrott",
            "Anslutningen avbröts eftersom tjänstens certifikat inte är utfärdat av en betrodd utfärdare. "
                    + "Kontakta din IT-avdelning.",
            "The service's certificate is not trusted",
            "The connection was stopped because the service's certificate was not issued by a trusted "
                    + "authority. Contact your IT department."),
    UPSTREAM_HOSTNAME_MISMATCH(502,
            "Tjänstens certifikat gäller ett annat namn",
            "Anslutningen avbröts eftersom tjänstens certifikat inte gäller den adress som tunneln är "
                    + "inställd på. Kontakta din IT-avdelning.",
            "The service's certificate is for another name",
            "The connection was stopped because the service's certificate does not match the address the "
                    + "tunnel is set up for. Contact your IT department."),
    UPSTREAM_UNREACHABLE(502,
            "Tjänsten svarar inte",
            "Det gick inte att nå tjänsten. Kontrollera nätverksanslutningen och försök igen.",
            "The service does not answer",
            "The service could not be reached. Check the network connection and try again."),
    UPSTREAM_TLS_FAILED(502,
            "Ingen säker anslutning till tjänsten",
            "Det gick inte att upprätta en säker anslutning till tjänsten. Försök igen senare.",
            "No secure connection to the service",
            "A secure connection to the service could not be set up. Try again later."),
    FOREIGN_HOST(421,
            "Fel adress",
            "Den här lokala tunneln tar bara emot anrop till sin egen adress, till exempel "
                    + "http://localhost med tunnelns port.",
            "Wrong address",
            "This local tunnel only answers requests made to its own address, such as http://localhost "
                    + "with the tunnel's port."),
    TOO_MANY_CONNECTIONS(503,
            "För många anslutningar",
            "Tunneln har redan så många anslutningar som den tillåter. Försök igen om en stund.",
            "Too many connections",
            "The tunnel already has as many connections as it allows. Try again in a moment."),
    BAD_REQUEST(400,
            "Felaktig begäran",
            "Tunneln kunde inte läsa begäran från webbläsaren.",
            "Bad request",
            "The tunnel could not read the request from the browser.");

    private final int httpStatus;
    private final String titleSv;
    private final String textSv;
    private final String titleEn;
    private final String textEn;

    TunnelFailure(int httpStatus, String titleSv, String textSv, String titleEn, String textEn) {
        this.httpStatus = httpStatus;
        this.titleSv = titleSv;
        this.textSv = textSv;
        this.titleEn = titleEn;
        this.textEn = textEn;
    }

    /** The HTTP status the browser gets. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Swedish heading of the error page. */
    public String titleSv() {
        return titleSv;
    }

    /** Swedish explanation. */
    public String textSv() {
        return textSv;
    }

    /** English heading. */
    public String titleEn() {
        return titleEn;
    }

    /** English explanation. */
    public String textEn() {
        return textEn;
    }
}
