package org.hotlinepulse.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of CSV into its fields with Jackson's CSV parser (RFC 4180 quoting, doubled quotes inside
 * quoted fields), with a bound on the number of fields. A record spanning several lines is not supported: the
 * PBX formats read here write one record per line.
 */
public final class CsvFields {

    /** Why a line could not be split: a person-readable reason naming the column where known. */
    public static final class Unsplittable extends Exception {
        Unsplittable(String message) {
            super(message, null, false, false);
        }
    }

    private static final CsvFactory FACTORY = new CsvFactory();

    private final CsvSchema schema;
    private final int maxFields;

    /** A splitter for the given separator that refuses lines with more than maxFields fields. */
    public CsvFields(char separator, int maxFields) {
        this.schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"').withoutEscapeChar();
        this.maxFields = maxFields;
    }

    /** The fields of the line, unquoted. */
    public String[] split(String line) throws Unsplittable {
        List<String> fields = new ArrayList<>(24);
        try (CsvParser parser = FACTORY.createParser(line)) {
            parser.setSchema(schema);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return new String[0];
            }
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
                if (fields.size() == maxFields) {
                    throw new Unsplittable("the record has more than " + maxFields + " fields");
                }
                fields.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new Unsplittable("not a CSV record: a quoted field holds a line break or the line holds two"
                        + " records");
            }
        } catch (JsonProcessingException e) {
            throw new Unsplittable("not a CSV record: " + describe(e));
        } catch (IOException | RuntimeException e) {
            throw new Unsplittable("not a CSV record: " + e.getClass().getSimpleName());
        }
        return fields.toArray(new String[0]);
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.contains("Missing closing quote")) {
            message = "a quoted field is not closed (truncated record?)";
        } else if (message != null && message.contains("Expected separator")) {
            message = "text after a closing quote";
        }
        String where = e.getLocation() != null && e.getLocation().getColumnNr() > 0
                ? " at character " + e.getLocation().getColumnNr() : "";
        return PhoneNumbers.mask(String.valueOf(message)) + where;
    }
}
