import java.nio.file.Path;
import java.util.Arrays;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.SignatureScheme;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.pkcs11.TokenCertificate;

/**
 * Warm in-process timing of Token.sign (C_Login, key lookup, C_SignInit, C_Sign, C_Logout) on the
 * benchmark token. Usage: java -cp 'app/target/lib/*' SignBench.java MODULE LABEL WARMUP RUNS
 * Prints the median and quartiles in milliseconds, last line "median_ms <value>".
 */
public class SignBench {
    public static void main(String[] args) throws Exception {
        Path module = Path.of(args[0]);
        String label = args[1];
        int warmup = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        byte[] data = "benchmark data\n".getBytes();
        char[] pin = "123456".toCharArray();
        try (Pkcs11Module m = Pkcs11Module.builder().withLibrary(module).build()) {
            Token token = null;
            for (Token t : m.tokens()) {
                if (t.info().label().equals("bench")) {
                    token = t;
                }
            }
            TokenCertificate cert = token.certificates().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
            for (int i = 0; i < warmup; i++) {
                token.sign(cert, SignatureScheme.RSA_PKCS1_SHA256, data, pin);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                token.sign(cert, SignatureScheme.RSA_PKCS1_SHA256, data, pin);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("library sign: n=%d p25=%.3f ms p75=%.3f ms%n", runs, ms[runs / 4], ms[3 * runs / 4]);
            System.out.printf("median_ms %.3f%n", ms[runs / 2]);
        }
    }
}
