package dev.keydesk.app.keys;

/** One entry of a quick-filter menu; a null {@code value} means "any". */
public record Choice<T>(String label, T value) {

    @Override
    public String toString() {
        return label;
    }
}
