package io.cactus.webhooks.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for {@code 127.0.0.1} (EC P-256, valid 2000 to 2147) with its key, for
 * loopback TLS receivers in tests: the server side's {@link SSLContext} and a trust manager that
 * trusts exactly it. Made with {@code keytool -genkeypair -keyalg EC -ext SAN=IP:127.0.0.1
 * -storetype PKCS12 -storepass changeit}.
 */
final class LoopbackTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private static final String PKCS12 = ""
            + "MIIEBAIBAzCCA64GCSqGSIb3DQEHAaCCA58EggObMIIDlzCCAS4GCSqGSIb3DQEHAaCCAR8EggEbMIIBFzCCARMGCyqGSIb3DQEM"
            + "CgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBQ4gSW4/oNu1jeQtfQ0X8x1jtQ85QICJxACASAwDAYIKoZI"
            + "hvcNAgkFADAdBglghkgBZQMEASoEELc6Fhr8iD0P9sUzj/3EGlcEUKobq0QgnZsZDouQ6C0U5pnny+1UOFmx0B3LPWx31RE0RtNB"
            + "aiaHY5boIIjUFlaM3rMd1bfyvxIeE57PA1SPaeQXBwj0kaxg+b2/uirkqkvxMUQwHwYJKoZIhvcNAQkUMRIeEAByAGUAYwBlAGkA"
            + "dgBlAHIwIQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NjExNTg3ODE2NTCCAmEGCSqGSIb3DQEHBqCCAlIwggJOAgEAMIICRwYJKoZI"
            + "hvcNAQcBMGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBQMTRIo+6HgQkcvhSaeuVLyf1A1JgICJxACASAwDAYIKoZIhvcN"
            + "AgkFADAdBglghkgBZQMEASoEEMFm57J0rYt0wpSwhO5vIJOAggHQCH6Yw1igcle6/SfVrPikTrEWyoidLBaYHTfi412jRaw6Bm0+"
            + "zFKXt5Y4mJp2Wecl666N2uzWvikEhb9JeYsvrGCvoR/w/r1gmAMlaOFieTY97kEaWmrQi8MfIFmIvIE0cNLhUSo8oeqQCaQaCMw5"
            + "zXfIxf0JtxvS9wfrDy4XPk/sYzuR9vFK11H54on3opYlUi27TTIEmFwUcdsd/i73jyUXm2c23vt8yTUDI0bkRP/zjPvn825EkUA3"
            + "Cotn6hpwFLTf+biyLkMUWMVQfKb3HbAHuO2vfNSaB/shHunq1AyWLHoe91cyffJkUzyjQlcz5cHVFP2frHHtijP7IT+83+yQ/vAu"
            + "EfDMof9IARiIfy67lXhF5Nsc1MhbMK7iPoEnPk6aPlmuem02A8DfrS7eGqOWXZ8iXM/8VSGF9UFysqEfTk3hkG0pcOeWuaqij3TB"
            + "O2DPOkqMSLUwAED/HtzGGNtoOLxeQfYjwIPc+XgVDce4UCt1ePvUTjqKQZJDPSkOe3AK3RYPFZelKDJsVdYOCjPaqh3bxk8DIEAj"
            + "SdCKpmEEiu5ytKCs0rWD5hLYbCWT2yuNRWrWE+qvlua5y1JSGcZJGjkU/AoBrhzN2Og8UyQwTTAxMA0GCWCGSAFlAwQCAQUABCAr"
            + "R0zCEHgcwD+f6HrElkRjEBkI59lFJeu/3QpRT8wefwQU7TcaS9vaOQ67CU2Pmnh4CJbSkrcCAicQ";

    private static final KeyStore STORE = load();

    private LoopbackTls() {
    }

    private static KeyStore load() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Base64.getDecoder().decode(PKCS12)), PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver serves TLS with. */
    static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(STORE, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts the receiver's certificate and nothing else. */
    static X509TrustManager trustManager() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(STORE);
            return (X509TrustManager) trust.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client side: an SSL context trusting {@link #trustManager()}. */
    static SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
