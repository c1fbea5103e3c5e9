package dev.optlens.analysis.syntax;

/**
 * One change of a file's text, in editor coordinates: replace {@code range} with {@code text}.
 * What a fix returns; the editor converts it to its own edit type.
 */
public record SourceEdit(TextRange range, String text) {
}
