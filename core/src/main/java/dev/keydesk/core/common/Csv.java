package dev.keydesk.core.common;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;

/**
 * CSV as KeyDesk writes it (exports, incident reports): one mapper, and cells made safe for
 * spreadsheets. A key's name is chosen by whoever created the key, so a name such as
 * {@code =HYPERLINK(...)} would run as a formula when the file is opened in a spreadsheet; such
 * cells get a leading apostrophe (OWASP's advice), which {@link #unsafeCell(String)} removes again.
 */
public final class Csv {

    public static final CsvMapper MAPPER = new CsvMapper();

    private Csv() {
    }

    /** {@code value} as a cell a spreadsheet shows as text; null stays null. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }

    /** The value {@link #cell(String)} was given. */
    public static String unsafeCell(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'') {
            char next = cell.charAt(1);
            if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') {
                return cell.substring(1);
            }
        }
        return cell;
    }
}
