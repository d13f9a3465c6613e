package org.hotlinepulse.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The language of a report (HTML and CSV): its texts come from {@code report_<lang>.properties} (UTF-8). */
public enum ReportLanguage {
    zh(Locale.SIMPLIFIED_CHINESE),
    en(Locale.ENGLISH);

    private final Locale locale;
    private volatile Properties texts;

    ReportLanguage(Locale locale) {
        this.locale = locale;
    }

    /** The BCP 47 tag for the page's {@code lang} attribute. */
    public String tag() {
        return locale.toLanguageTag();
    }

    /** Whether there is a text under {@code key}. */
    public boolean has(String key) {
        return texts().containsKey(key);
    }

    /** The text under {@code key}; its {@code {0}} ... filled from {@code args} when there are any. */
    public String text(String key, Object... args) {
        String text = texts().getProperty(key);
        if (text == null) {
            throw new IllegalStateException("report_" + name() + ".properties has no text " + key);
        }
        return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }

    private Properties texts() {
        if (texts == null) {
            Properties loaded = new Properties();
            String resource = "report_" + name() + ".properties";
            try (InputStream in = ReportLanguage.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the jar");
                }
                loaded.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            texts = loaded;
        }
        return texts;
    }
}
