package io.cloudcut.scenario;

/**
 * A validation failure inside a model record that knows which of its fields is wrong, as a JSON
 * pointer relative to the record ({@code /functions/2/name}), so that the error can point at that
 * line rather than at the record's first one.
 */
final class FieldProblem extends IllegalArgumentException {

    private final String relativePointer;

    FieldProblem(String relativePointer, String problem) {
        super(problem);
        this.relativePointer = relativePointer;
    }

    String relativePointer() {
        return relativePointer;
    }
}
