package se.legitimera.smartcard.cert;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Swedish personal identity number (personnummer or samordningsnummer), 12 digits YYYYMMDDNNNC.
 * {@link #toString()} and {@link #masked()} hide the last four digits ("19121212-****"), so it is safe
 * in logs; only {@link #digits()} gives the full number.
 */
public final class PersonalIdentityNumber {

    private static final Pattern FORM = Pattern.compile("(\\d{8})-?(\\d{4})");

    private final String digits;

    private PersonalIdentityNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Parses "YYYYMMDDNNNC" or "YYYYMMDD-NNNC" when the check digit (Luhn over the last ten digits) fits.
     */
    public static Optional<PersonalIdentityNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(1) + m.group(2);
        int month = Integer.parseInt(digits.substring(4, 6));
        if (month < 1 || month > 12 || !luhnValid(digits.substring(2))) {
            return Optional.empty();
        }
        return Optional.of(new PersonalIdentityNumber(digits));
    }

    private static boolean luhnValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < tenDigits.length(); i++) {
            int d = tenDigits.charAt(i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** All 12 digits; show only where the user asked to see them. */
    public String digits() {
        return digits;
    }

    /** Birth date part and a mask: "19121212-****". */
    public String masked() {
        return digits.substring(0, 8) + "-****";
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonalIdentityNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }
}
